// Preset panels of the LLM servers. Metric and label names are the servers'
// own (see tests/data/samples); their histograms are in seconds.

#include "PresetDefinitions.h"

namespace mw::presets::preset {

std::vector<PresetPanel> vllmPanels()
{
    constexpr const char *kFinished = "vllm:request_success_total";
    const std::string aborted = sumRate("vllm:request_success_total{finished_reason=\"abort\"}", "model_name");
    const std::string api = "http_requests_total{handler=~\"/v1/.*\"";
    return {
        panel("Requests/s", Unit::RequestsPerSecond, {{sumRate(kFinished, "model_name"), legend("", "model_name")}},
              "Finished requests by model, any finished_reason (stop, length, abort)."),
        withThresholds(
            panel("Error rate", Unit::Ratio,
                  {{"(" + aborted + " or " + sumRate(kFinished, "model_name") + " * 0) / "
                        + sumRate(kFinished, "model_name"),
                    legend("aborted", "model_name")},
                   {"(" + sumRate(api + ",status=\"5xx\"}") + " or vector(0)) / " + sumRate(api + "}"), "HTTP 5xx"}},
                  "Aborted over finished requests, and 5xx over all /v1 API responses "
                  "(prometheus-fastapi-instrumentator's http_requests_total)."),
            0.01, 0.05),
        panel("End-to-end latency p50/p95/p99", Unit::Seconds,
              quantiles("vllm:e2e_request_latency_seconds_bucket"), "From arrival to the last token."),
        panel("Time to first token p50/p95/p99", Unit::Seconds, quantiles("vllm:time_to_first_token_seconds_bucket"),
              {}),
        panel("Inter-token latency p50/p95/p99", Unit::Seconds, quantiles("vllm:inter_token_latency_seconds_bucket"),
              {}),
        panel("Queue time p50/p95/p99", Unit::Seconds, quantiles("vllm:request_queue_time_seconds_bucket"),
              "Time requests spend WAITING before the scheduler runs them."),
        panel("Tokens/s", Unit::TokensPerSecond,
              {{sumRate("vllm:generation_tokens_total", "model_name"), legend("generation", "model_name")},
               {sumRate("vllm:prompt_tokens_total", "model_name"), legend("prompt", "model_name")}},
              "Generated (decode) and prompt (prefill) tokens per second."),
        panel("Batch: requests running and waiting", Unit::Count,
              {{"sum by (model_name) (vllm:num_requests_running)", legend("running", "model_name")},
               {"sum by (model_name) (vllm:num_requests_waiting)", legend("waiting", "model_name")}},
              "Running requests are the continuous batch; waiting ones are queued."),
        withThresholds(panel("KV-cache usage", Unit::Ratio,
                             {{"max by (model_name) (vllm:kv_cache_usage_perc)", legend("", "model_name")}},
                             "1 means full: new requests wait or preempt running ones.", true),
                       0.9, 0.98),
        panel("Prefix cache hit rate", Unit::Ratio,
              {{ratioOfRates("vllm:prefix_cache_hits_total", "vllm:prefix_cache_queries_total"), "hits"}},
              "Cached over queried prompt tokens.", true),
        panel("Preemptions/s", Unit::PerSecond, {{sumRate("vllm:num_preemptions_total"), "preemptions"}}, {}, true),
        panel("Tokens per request (mean)", Unit::Count,
              {{ratioOfRates("vllm:request_prompt_tokens_sum", "vllm:request_prompt_tokens_count"), "prompt"},
               {ratioOfRates("vllm:request_generation_tokens_sum", "vllm:request_generation_tokens_count"),
                "generation"}},
              {}, true),
    };
}

std::vector<PresetPanel> tgiPanels()
{
    constexpr const char *kItl = "tgi_request_mean_time_per_token_duration";
    return {
        panel("Requests/s", Unit::RequestsPerSecond,
              {{sumRate("tgi_request_count"), "received"}, {sumRate("tgi_request_success"), "succeeded"}},
              "TGI's counters have no _total suffix."),
        withThresholds(panel("Error rate", Unit::Ratio,
                             {{"(" + sumRate("tgi_request_failure") + " or vector(0)) / " + sumRate("tgi_request_count"),
                               "failed"}},
                             "Failed over received requests, every err (validation, overloaded, generation, ...)."),
                       0.01, 0.05),
        panel("Request latency p50/p95/p99", Unit::Seconds, quantiles("tgi_request_duration_bucket"),
              "End-to-end request duration."),
        panel("Queue time p50/p95/p99", Unit::Seconds, quantiles("tgi_request_queue_duration_bucket"), {}),
        panel("Time per token p50/p95/p99", Unit::Seconds, quantiles(std::string(kItl) + "_bucket"),
              "Each request's mean time per generated token."),
        panel("Tokens/s per request", Unit::TokensPerSecond,
              {{ratioOfRates(std::string(kItl) + "_count", std::string(kItl) + "_sum"), "decode speed"}},
              "1 / the mean of the requests' mean time per token: the speed one stream sees."),
        panel("Batch size and queue", Unit::Count,
              {{"tgi_batch_current_size", "batch"}, {"tgi_queue_size", "queued"}}, {}),
        panel("Generated tokens/s", Unit::TokensPerSecond,
              {{sumRate("tgi_request_generated_tokens_sum"), "generated"},
               {sumRate("tgi_request_input_length_sum"), "input"}},
              "From the per-request token histograms.", true),
        panel("Failures/s by reason", Unit::RequestsPerSecond,
              {{sumRate("tgi_request_failure", "err"), legend("", "err")}}, {}, true),
        panel("Batch forward time p99", Unit::Seconds,
              {{"histogram_quantile(0.99, " + sumRate("tgi_batch_forward_duration_bucket", "le, method") + ")",
                legend("p99", "method")}},
              "Model forward pass per batch, prefill and decode.", true),
    };
}

std::vector<PresetPanel> llamaCppPanels()
{
    return {
        panel("Tokens/s", Unit::TokensPerSecond,
              {{rate("llamacpp:tokens_predicted_total"), "generation"}, {rate("llamacpp:prompt_tokens_total"), "prompt"}},
              "Tokens per wall-clock second. llama.cpp exports no request or error counters."),
        panel("Speed while busy", Unit::TokensPerSecond,
              {{rate("llamacpp:tokens_predicted_total") + " / " + rate("llamacpp:tokens_predicted_seconds_total"),
                "generation"},
               {rate("llamacpp:prompt_tokens_total") + " / " + rate("llamacpp:prompt_seconds_total"), "prompt"}},
              "Δtokens / Δprocessing seconds. The server's own *_tokens_seconds gauges restart their window at "
              "every scrape, so two scrapers disturb each other."),
        panel("Time per generated token", Unit::Seconds,
              {{rate("llamacpp:tokens_predicted_seconds_total") + " / " + rate("llamacpp:tokens_predicted_total"),
                "mean"}},
              "Mean per stream."),
        panel("Requests processing and deferred", Unit::Count,
              {{"llamacpp:requests_processing", "processing"}, {"llamacpp:requests_deferred", "deferred (queued)"}},
              {}),
        panel("Busy slots per decode", Unit::Count, {{"llamacpp:n_busy_slots_per_decode", "slots"}},
              "The average batch of a llama_decode() call (declared a counter, but an average).", true),
        panel("Decode calls/s", Unit::PerSecond, {{rate("llamacpp:n_decode_total"), "llama_decode()"}}, {}, true),
    };
}

} // namespace mw::presets::preset
