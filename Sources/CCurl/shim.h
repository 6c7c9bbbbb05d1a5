// libcurl for the Mattermost client (the easy and multi interfaces). curl_easy_setopt, curl_easy_getinfo
// and curl_multi_setopt are C variadic functions, which Swift cannot call: these inline wrappers give each
// argument type its own non-variadic entry point.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/// A libcurl data callback: the write (body) and header functions share this shape.
typedef size_t (*remind_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode remind_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode remind_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode remind_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode remind_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode remind_curl_set_callback(CURL *handle, CURLoption option, remind_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode remind_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

static inline CURLcode remind_curl_private(CURL *handle, void **value) {
    return curl_easy_getinfo(handle, CURLINFO_PRIVATE, (char **)value);
}

static inline CURLMcode remind_curl_multi_set_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/// The outcome of a finished transfer (`CURLMsg.data` is a union Swift does not reach into).
static inline CURLcode remind_curl_message_result(const CURLMsg *message) {
    return message->data.result;
}
