"""`POST /api/imports/`: the same import as the pages, for people who script it."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.permissions import RulesPermission

from ..engine import definition_choices
from ..models import ImportJob
from ..services import import_job_commit, import_job_create
from ..views import body_too_large, too_large_message


class ImportRequestSerializer(serializers.Serializer):
    model = serializers.ChoiceField(choices=(), help_text="Soort gegevens, bv. libraries of branches.")
    file = serializers.FileField(
        allow_empty_file=True, help_text="CSV (UTF-8 of Windows-1252, ; of ,) of XLSX met een kopregel."
    )
    dry_run = serializers.BooleanField(
        default=True, help_text="true: alleen controleren; false: importeren als er geen fouten zijn."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = definition_choices()


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class ImportCountsSerializer(serializers.Serializer):
    create = serializers.IntegerField()
    update = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    error = serializers.IntegerField()


class ImportResponseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    model = serializers.CharField()
    dry_run = serializers.BooleanField()
    committed = serializers.BooleanField()
    status = serializers.CharField()
    file = serializers.CharField()
    rows = serializers.IntegerField()
    counts = ImportCountsSerializer()
    errors = ImportErrorSerializer(many=True)
    failure = serializers.CharField()
    url = serializers.CharField()


def job_payload(job: ImportJob, *, dry_run: bool, request) -> dict:
    return {
        "id": str(job.uuid),
        "model": job.definition,
        "dry_run": dry_run,
        "committed": job.status == ImportJob.Status.COMMITTED,
        "status": job.status,
        "file": job.file_description,
        "rows": job.rows,
        "counts": {
            "create": job.to_create,
            "update": job.to_update,
            "unchanged": job.unchanged,
            "error": job.error_rows,
        },
        "errors": job.errors,
        "failure": job.failure,
        "url": request.build_absolute_uri(job.get_absolute_url()),
    }


class ImportAPIView(APIView):
    """Check (dry_run=true, the default) or import (dry_run=false) a CSV or XLSX file.

    The answer lists every row's errors (row, column, value, message). An import
    is atomic: with any error nothing is changed and the answer is 400.
    """

    permission_classes = [RulesPermission]
    permission_required = "imports.run_import"
    parser_classes = [MultiPartParser, FormParser]

    def initial(self, request, *args, **kwargs):
        # Refuse an oversized body before anything (authentication's CSRF check included) reads it.
        if body_too_large(request):
            self.oversized = True
        else:
            self.oversized = False
            super().initial(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            200: ImportResponseSerializer,
            400: OpenApiResponse(description="Bestand geweigerd of rijen met fouten (niets gewijzigd)."),
            413: OpenApiResponse(description="Bestand te groot."),
        },
    )
    def post(self, request):
        if self.oversized:
            return Response({"file": [too_large_message()]}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        incoming = ImportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            job = import_job_create(actor=request.user, definition_key=data["model"], upload=data["file"])
        except DjangoValidationError as exc:
            return Response(_errors_of(exc), status=status.HTTP_400_BAD_REQUEST)
        dry_run = data["dry_run"]
        if not dry_run and job.can_commit:
            try:
                job = import_job_commit(actor=request.user, job=job, background=False)
            except DjangoValidationError as exc:
                return Response(_errors_of(exc), status=status.HTTP_400_BAD_REQUEST)
        payload = job_payload(job, dry_run=dry_run, request=request)
        failed = not dry_run and job.status != ImportJob.Status.COMMITTED
        return Response(payload, status=status.HTTP_400_BAD_REQUEST if failed else status.HTTP_200_OK)


def _errors_of(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}
