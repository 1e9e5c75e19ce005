"""Who may read and write knowledge articles.

Published public articles are for everyone (also without login); published
internal ones for everyone who works in the network. Drafts, articles in review
and archived ones only for cell staff and the article's owner. Cell staff write
and publish; an owner edits their own article until it is archived.
"""

import rules

from apps.core.rules import is_cell_staff, is_professional

from .models import ArticleState, Visibility


@rules.predicate
def is_owner(user, article) -> bool:
    return article is not None and user.is_authenticated and article.owner_id == user.pk


@rules.predicate
def is_published_public(user, article) -> bool:
    return article is not None and article.state == ArticleState.PUBLISHED and article.visibility == Visibility.PUBLIC


@rules.predicate
def is_published(user, article) -> bool:
    return article is not None and article.state == ArticleState.PUBLISHED


@rules.predicate
def is_not_archived(user, article) -> bool:
    return article is not None and article.state != ArticleState.ARCHIVED


can_view = is_published_public | (is_published & is_professional) | is_cell_staff | is_owner

rules.add_perm("knowledge.view_knowledge", is_professional)
rules.add_perm("knowledge.view_public_knowledge", rules.always_allow)
rules.add_perm("knowledge.view_article", can_view)
rules.add_perm("knowledge.add_article", is_cell_staff)
rules.add_perm("knowledge.change_article", is_cell_staff | (is_owner & is_not_archived))
rules.add_perm("knowledge.delete_article", is_cell_staff)
rules.add_perm("knowledge.submit_article", is_cell_staff | is_owner)
rules.add_perm("knowledge.publish_article", is_cell_staff)
rules.add_perm("knowledge.review_article", is_cell_staff | is_owner)
rules.add_perm("knowledge.archive_article", is_cell_staff)
rules.add_perm("knowledge.view_overdue_report", is_cell_staff)
rules.add_perm("knowledge.view_theme", rules.always_allow)
rules.add_perm("knowledge.manage_theme", is_cell_staff)
