// The messages between the ranks of an optimization spread over processes: batches of
// points and their evaluated results as bytes, doubles and integers in the machine's own
// layout (every rank of a run is the same build, which the run checks before it starts).
#pragma once

#include "host/app/distributed_session.hpp"
#include "host/research/trial.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mosaic::host::app {

std::string encode_points(const std::vector<std::vector<double>>& points);
// Throws std::runtime_error for bytes that are not a batch.
std::vector<std::vector<double>> decode_points(std::string_view bytes);

std::string encode_results(const std::vector<research::RecordedTrial>& results);
// Throws std::runtime_error for bytes that are not results.
std::vector<research::RecordedTrial> decode_results(std::string_view bytes);

// A worker's island trials: their points, orders and results, in one message.
std::string encode_island_trials(const std::vector<std::vector<double>>& points, const std::vector<uint64_t>& orders,
                                 const std::vector<research::RecordedTrial>& results);
// Throws std::runtime_error for bytes that are not island trials.
void decode_island_trials(std::string_view bytes, std::vector<std::vector<double>>& points,
                          std::vector<uint64_t>& orders, std::vector<research::RecordedTrial>& results);

std::string encode_session(const SessionBytes& b);
SessionBytes decode_session(std::string_view bytes);

std::string encode_identities(const std::vector<PluginIdentity>& ids);
std::vector<PluginIdentity> decode_identities(std::string_view bytes);

}  // namespace mosaic::host::app
