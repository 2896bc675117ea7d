package study

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits caps what one piece of a raw input may hold, so a damaged or
// hostile file is refused with its place named instead of exhausting
// memory. Zero means the default; see DefaultLimits.
type Limits struct {
	// MaxField is the longest one CSV field, SQL dump value or TSV value.
	MaxField Size `yaml:"max_field"`
	// MaxRecord is the longest one CSV record (all its fields and the
	// newlines of quoted fields) or one SQL dump value tuple.
	MaxRecord Size `yaml:"max_record"`
	// MaxLine is the longest one line of a line-based file (the research
	// data package's tab-separated tables).
	MaxLine Size `yaml:"max_line"`
}

// DefaultLimits are generous for real exports: the longest free-text
// answer or SQL value seen in edX and survey exports is a few kilobytes,
// a profile row a few hundred bytes; one record of 16 MiB is far beyond
// any real one and still small next to the 512 MB a build may use.
var DefaultLimits = Limits{MaxField: 1 << 20, MaxRecord: 16 << 20, MaxLine: 16 << 20}

// maxLimit keeps every limit well under the memory a build may use.
const maxLimit = 256 << 20

// Or returns l with each unset limit taken from DefaultLimits.
func (l Limits) Or() Limits {
	if l.MaxField == 0 {
		l.MaxField = DefaultLimits.MaxField
	}
	if l.MaxRecord == 0 {
		l.MaxRecord = DefaultLimits.MaxRecord
	}
	if l.MaxLine == 0 {
		l.MaxLine = DefaultLimits.MaxLine
	}
	return l
}

// Size is a number of bytes, written in study.yaml as a whole number with
// an optional unit: "512KiB", "16MiB", "1GiB", "1MB" (10⁶), "4096".
type Size int64

var sizeRE = regexp.MustCompile(`^([0-9]+)\s*([KMG]i?B|B)?$`)

var sizeUnits = map[string]int64{"": 1, "B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}

// UnmarshalYAML reads a size, refusing anything but a positive number of
// bytes up to 256 MiB with its line.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	m := sizeRE.FindStringSubmatch(strings.TrimSpace(n.Value))
	var v int64
	var err error
	if m != nil {
		v, err = strconv.ParseInt(m[1], 10, 64)
	}
	// A TypeError lets the decoder go on and report every other problem too.
	if m == nil || err != nil || n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d, column %d: want a size such as \"16MiB\", \"512KiB\" or 4096 (bytes), got %q", n.Line, n.Column, n.Value)}}
	}
	unit := sizeUnits[m[2]]
	if v < 1 || v > maxLimit/unit {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d, column %d: want a size from 1 byte to 256MiB, got %q", n.Line, n.Column, n.Value)}}
	}
	*s = Size(v * unit)
	return nil
}

// String writes the size in the largest binary unit that divides it.
func (s Size) String() string {
	for _, u := range []string{"GiB", "MiB", "KiB"} {
		if n := sizeUnits[u]; int64(s) >= n && int64(s)%n == 0 {
			return fmt.Sprintf("%d %s", int64(s)/n, u)
		}
	}
	return fmt.Sprintf("%d bytes", int64(s))
}

// validateLimits checks that the limits fit inside each other: a field
// is part of a record.
func (s *Study) validateLimits(p *problems) {
	if l := s.Limits.Or(); l.MaxField > l.MaxRecord {
		p.add("limits.max_field", "%s is longer than limits.max_record (%s): a field is part of a record", l.MaxField, l.MaxRecord)
	}
}
