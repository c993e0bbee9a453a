from django.http import Http404


def entries_xlsx(request, pk):
    raise Http404  # replaced by the export work in progress


def attachments_zip(request, pk):
    raise Http404  # replaced by the export work in progress
