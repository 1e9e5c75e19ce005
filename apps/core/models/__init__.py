from .attachments import Attachment, AttachmentRelation
from .notifications import Notification, NotificationPreference
from .tasks import TaskProgress
from .values import Pillar, Value, ValueAssessment, ValueAssessmentRelation

__all__ = [
    "Attachment",
    "AttachmentRelation",
    "Notification",
    "NotificationPreference",
    "Pillar",
    "TaskProgress",
    "Value",
    "ValueAssessment",
    "ValueAssessmentRelation",
]
