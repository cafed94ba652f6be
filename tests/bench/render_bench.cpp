// news-widget-render-bench: renders a feed repeatedly with the native core and
// prints the throughput of each round as JSON, for scripts/bench.
//   news-widget-render-bench FEED.json WIDTH OPTIONS ROUNDS RENDERS_PER_ROUND
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "news_widget/render.hpp"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr
        << "usage: news-widget-render-bench FEED.json WIDTH OPTIONS ROUNDS RENDERS_PER_ROUND\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string feed = text.str();
  const int width = std::atoi(argv[2]);
  const std::string options = argv[3];
  const int rounds = std::atoi(argv[4]);
  const int per_round = std::atoi(argv[5]);
  std::size_t sink = 0;
  std::cout << "{\"renders_per_s\":[";
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < per_round; ++i)
      sink += news_widget::render(feed, width, options).html.size();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::cout << (r ? "," : "") << static_cast<long long>(per_round / took.count());
  }
  std::cout << "],\"checksum\":" << sink << "}\n";
  return 0;
}
