"""App configs the project adjusts."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class ProjectStaticFilesConfig(StaticFilesConfig):
    """Static files without the KRDS files we never serve.

    krds-uiux ships `css/component/component.css`, a second build of the stylesheet whose image
    paths point to a folder that does not exist (`img/img/component/...`); hashed-name
    post-processing in production then fails. We link `component/output.css`, whose paths are
    right, so the broken build is not collected at all.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "component/component.css*"]
