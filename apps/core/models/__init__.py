from .attachments import Attachment, AttachmentRelation
from .notifications import Notification, NotificationPreference
from .tasks import TaskProgress
from .values import Pillar, Value, ValueAssessment, ValueAssessmentRelation
from .versions import ContentVersion

__all__ = [
    "Attachment",
    "ContentVersion",
    "AttachmentRelation",
    "Notification",
    "NotificationPreference",
    "Pillar",
    "TaskProgress",
    "Value",
    "ValueAssessment",
    "ValueAssessmentRelation",
]
