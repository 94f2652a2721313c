#pragma once

#include "ApiCall.h"

namespace mw {

/// An ApiCall whose result is a client's response value (PromResponse,
/// AmResponse: a PromError `error` and an `attempts` count among its fields).
template <typename Response>
class ApiResponseCall : public ApiCall
{
public:
    void fail(const PromError &error) override
    {
        response = Response{};
        response.error = error;
    }
    void setAttempts(int attempts) override { response.attempts = attempts; }

    /// The response of `call`, which must be an ApiResponseCall<Response>.
    static const Response &of(const ApiCall &call) { return static_cast<const ApiResponseCall &>(call).response; }

    Response response;
};

} // namespace mw
