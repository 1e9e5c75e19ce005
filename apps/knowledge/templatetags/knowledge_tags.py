"""`{% load knowledge_tags %}{% articles_for_organisation org %}`: an organisation's articles, for its registry page."""

from django import template

from apps.knowledge.selectors import articles_for_organisation as _articles_for

register = template.Library()


@register.inclusion_tag("knowledge/partials/organisation_articles.html", takes_context=True)
def articles_for_organisation(context, organisation):
    request = context.get("request")
    user = getattr(request, "user", None)
    articles = list(_articles_for(user=user, organisation=organisation)[:20]) if organisation is not None else []
    return {"articles": articles}
