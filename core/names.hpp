#pragma once
// Enum <-> name tables. Every enum that crosses a boundary (JSON, URL, JS API) is parsed here so an
// unknown name gets one kind of message: "activation: unknown value 'rleu'; accepted: linear, ...".
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "error.hpp"

namespace bp {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
std::string accepted_names(const NameTable<Enum, N>& table) {
  std::string list;
  for (const auto& [value, name] : table) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

template <typename Enum, std::size_t N>
Enum enum_from_name(const NameTable<Enum, N>& table, std::string_view name, const std::string& field) {
  for (const auto& [value, known] : table)
    if (known == name) return value;
  throw Error(field + ": unknown value '" + std::string(name.substr(0, 64)) +
              "'; accepted: " + accepted_names(table));
}

template <typename Enum, std::size_t N>
std::string_view enum_name(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [known, name] : table)
    if (known == value) return name;
  return "?";
}

}  // namespace bp
