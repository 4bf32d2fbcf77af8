from django.utils import translation


class AdminInChineseMiddleware:
    """Serve the admin in Chinese whatever the browser asks for: the people who type in
    reports work in Chinese, and the public pages carry their language in the URL instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate("zh-hans")
            request.LANGUAGE_CODE = "zh-hans"
        return self.get_response(request)
