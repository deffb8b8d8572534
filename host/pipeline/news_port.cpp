#include "host/pipeline/news_port.hpp"

#include "host/loader/host_services.hpp"
#include "host/registry/registry.hpp"

#include <mosaic/arrow.hpp>

#include <memory>

namespace mosaic::host {

PortValue news_port(const NewsTable& news) {
  TableWriter writer(host_services(), news.rows());
  writer.add_timestamps("ts", news.ts);
  writer.add_strings("ticker", news.ticker);
  writer.add_strings("headline", news.headline);
  writer.add_strings("body", news.body);
  ArrowSchema schema{};
  ArrowArray array{};
  writer.release_into(&schema, &array);
  return PortValue{kNewsPort, kDataSource, std::make_shared<ArrowBatch>(&schema, &array), 1.0};
}

}  // namespace mosaic::host
