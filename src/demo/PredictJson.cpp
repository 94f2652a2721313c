#include "PredictJson.h"

#include <nlohmann/json.hpp>

namespace mw::demo {

using nlohmann::json;

std::variant<std::vector<Features>, PredictJson::Error> PredictJson::parseRequest(std::string_view body)
{
    if (body.size() > kMaxBodyBytes)
        return Error{"request body of " + std::to_string(body.size()) + " bytes exceeds the limit of "
                     + std::to_string(kMaxBodyBytes) + " bytes"};
    // The callback sees every value with its depth; anything deeper than a
    // predict request can be is dropped at once (so a hostile "[[[[..." body
    // costs no memory) and reported below.
    bool tooDeep = false;
    const json::parser_callback_t limitDepth = [&tooDeep](int depth, json::parse_event_t, json &) {
        if (depth > kMaxDepth) {
            tooDeep = true;
            return false;
        }
        return true;
    };
    json doc;
    try {
        doc = json::parse(body, limitDepth);
    } catch (const json::exception &e) { // parse_error, and out_of_range for 1e999
        return Error{std::string("JSON Parse error: ") + e.what()};
    }
    if (tooDeep)
        return Error{"JSON nesting deeper than " + std::to_string(kMaxDepth) + " levels"};
    if (!doc.is_object())
        return Error{"JSON Value: request body must be an object"};
    auto it = doc.find("instances");
    if (it == doc.end())
        it = doc.find("inputs");
    if (it == doc.end())
        return Error{"Missing 'inputs' or 'instances' key"};
    if (!it->is_array())
        return Error{"'instances' must be a list"};
    if (it->empty())
        return Error{"'instances' is empty"};
    if (it->size() > kMaxInstances)
        return Error{"too many instances: " + std::to_string(it->size()) + " (at most "
                     + std::to_string(kMaxInstances) + ")"};

    std::vector<Features> instances;
    instances.reserve(it->size());
    std::size_t index = 0;
    for (const json &row : *it) {
        const std::string where = "instance " + std::to_string(index);
        if (!row.is_array())
            return Error{where + " is not a list of " + std::to_string(kFeatures) + " numbers"};
        if (row.size() != kFeatures)
            return Error{where + " has " + std::to_string(row.size()) + " values; the model takes "
                         + std::to_string(kFeatures)};
        Features x{};
        for (std::size_t i = 0; i < kFeatures; ++i) {
            if (!row[i].is_number())
                return Error{where + ", value " + std::to_string(i) + " is not a number"};
            x[i] = row[i].get<double>();
        }
        instances.push_back(x);
        ++index;
    }
    return instances;
}

std::string PredictJson::response(std::span<const double> scores)
{
    json predictions = json::array();
    for (double p : scores)
        predictions.push_back(json::array({p}));
    return json{{"predictions", std::move(predictions)}}.dump();
}

std::string PredictJson::error(std::string_view message)
{
    // dump() with replace: a message quoting invalid UTF-8 from the request
    // must not make dump() throw.
    return json{{"error", std::string(message)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace mw::demo
