from .attachments import Attachment
from .notifications import Notification
from .tasks import TaskProgress
from .values import Pillar, Value, ValueAssessment

__all__ = ["Attachment", "Notification", "Pillar", "TaskProgress", "Value", "ValueAssessment"]
