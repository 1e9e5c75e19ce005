"""FilterSet base classes shared by the apps."""

import django_filters


class SharedFormFilterSet(django_filters.FilterSet):
    """A FilterSet whose form class is built once per process instead of on every request.

    django-filter builds a new form class for each FilterSet instance: a form field per
    filter (calling every choice-list callable to get its queryset) and a class through
    the form metaclass. On a list page that is about half a millisecond, a sixth of the
    baseline page. Where no field depends on the request (choice lists that are the same
    for everyone, no filters added or removed per user), the class can be shared: each
    form is still a new instance with deep copies of the fields, and each choice field a
    fresh queryset (`ModelChoiceField.__deepcopy__`), exactly as Django's own form classes
    are used.

    Only subclass this for such FilterSets; one that narrows its choices to what the user
    may see must stay a plain `django_filters.FilterSet`.
    """

    def get_form_class(self):
        cls = type(self)
        # Looked up in the class's own namespace: a subclass has other filters, so its own class.
        form_class = cls.__dict__.get("_shared_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._shared_form_class = form_class
        return form_class
