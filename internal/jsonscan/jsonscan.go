// Package jsonscan extracts a few named members from a JSON object without
// decoding the rest, validating the whole input exactly as strictly as
// encoding/json. It knows nothing of edX or of reports: the tracking-log
// reader in report/ingest is its user.
//
// It is hand-written, not a library, because a tracking-log line is ~1 kB
// of JSON of which activity needs a handful of short fields; unmarshalling
// it with encoding/json costs most of the ingest time, and most of that is
// spent on fields thrown away (agent, referer, the event payload); the
// TrackingLogs benchmark in report/ingest measures the reader. Object
// validates the whole line (json.Valid is the fuzz oracle, see
// FuzzObject) but only slices out the raw values of the keys asked for;
// strings are decoded lazily, and only strings with escapes or non-ASCII
// bytes go through encoding/json itself, so their decoding is
// encoding/json's by construction.
//
// The one piece of assembly, mask_amd64.s, marks a line's quotes,
// backslashes, control and non-ASCII bytes 64 at a time with AVX2, as
// simdjson's first stage does; strings are then crossed from mark to
// mark. Without AVX2 (or with the purego build tag) the same marks are made
// eight bytes at a time in Go, and TestSpecials holds both to a byte table.
package jsonscan

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// maxDepth is encoding/json's nesting limit: deeper input is invalid there,
// so it is here.
const maxDepth = 10000

// ErrSyntax is wrapped by the errors of input that is not valid JSON.
var ErrSyntax = errors.New("invalid JSON")

// Found is what an Object call found: for each of its keys (NewFound),
// the member's raw value, nil when there is none, and whether that value
// is a plain string, one whose text is its bytes between the quotes (no
// escapes, no non-ASCII bytes): Text then returns them without looking at
// the string a second time.
type Found struct {
	Raw   [][]byte
	plain []bool
	mask  []uint64 // the scan's marks (specials), kept for the next call
}

// NewFound makes the Found of an Object call with keys.
func NewFound(keys *Keys) *Found {
	return &Found{Raw: make([][]byte, keys.Len()), plain: make([]bool, keys.Len())}
}

// marks returns f's mask buffer sized for n bytes of input.
func (f *Found) marks(n int) []uint64 {
	words := (n + 63) >> 6
	if cap(f.mask) < words {
		f.mask = make([]uint64, words, words+words/4)
	}
	return f.mask[:words]
}

func (f *Found) clear() {
	clear(f.Raw)
	clear(f.plain)
}

// Text is the package's Text of the i-th key's value.
func (f *Found) Text(i int, field string) ([]byte, error) {
	if f.plain[i] {
		r := f.Raw[i]
		return r[1 : len(r)-1], nil
	}
	return Text(f.Raw[i], field)
}

// Object checks that b is exactly one JSON object (with optional
// surrounding white space) and sets out to the raw value of each member
// named by keys (NewKeys), nil when there is none. A repeated member's
// last value wins, as in encoding/json. Keys are matched exactly
// (encoding/json would also match other letter cases; edX writes lower
// case only).
func Object(b []byte, keys *Keys, out *Found) error {
	return ObjectIn(b, keys, out, -1, nil, nil)
}

// ObjectIn is Object that also, in the same pass, extracts the
// members subKeys of the nest-th member of keys into subOut when that member is an
// object (all nil otherwise): an event's context is read without scanning
// it twice.
func ObjectIn(b []byte, keys *Keys, out *Found, nest int, subKeys *Keys, subOut *Found) error {
	out.clear()
	if subOut != nil {
		subOut.clear()
	}
	s := scanner{b: b, mask: out.marks(len(b))}
	specials(b, s.mask)
	s.ws()
	if s.i >= len(b) {
		return errors.New("unexpected end of JSON input")
	}
	if b[s.i] != '{' {
		return fmt.Errorf("want a JSON object, got %s", s.what())
	}
	if !s.members(1, keys, out, nest, subKeys, subOut) {
		return s.fail()
	}
	s.ws()
	if s.i != len(b) {
		return fmt.Errorf("%w: data after the top-level object at byte %d", ErrSyntax, s.i)
	}
	return nil
}

// members scans the object at s.i, whose members are values at depth, and
// sets out as ObjectIn does. The position is kept in a local (a register)
// and white space is skipped by skipWS, inlined: a line has a score of
// members, each with four places white space may be, and the loads and
// stores of s.i were a fifth of the scan.
func (s *scanner) members(depth int, keys *Keys, out *Found, nest int, subKeys *Keys, subOut *Found) bool {
	b := s.b
	i := skipWS(b, s.i+1)
	if i < len(b) && b[i] == '}' {
		s.i = i + 1
		return true
	}
	for {
		i = skipWS(b, i)
		ks := i
		var esc, ok bool
		if i, esc, ok = s.str(i); !ok {
			s.i = i
			return false
		}
		k := keys.index(b[ks+1:i-1], esc, b[ks:i])
		i = skipWS(b, i)
		if i >= len(b) || b[i] != ':' {
			s.i = i
			return false
		}
		i = skipWS(b, i+1)
		vs := i
		if k >= 0 && k == nest {
			subOut.clear()
		}
		plain := false
		switch {
		case i < len(b) && b[i] == '"': // most values: a string, scanned without value's switch
			if i, esc, ok = s.str(i); !ok {
				s.i = i
				return false
			}
			plain = !esc
		case k >= 0 && k == nest && i < len(b) && b[i] == '{':
			s.i = i
			if depth+1 > maxDepth || !s.members(depth+1, subKeys, subOut, -1, nil, nil) {
				return false
			}
			i = s.i
		default:
			s.i = i
			if !s.value(depth) {
				return false
			}
			i = s.i
		}
		if k >= 0 {
			out.Raw[k] = b[vs:i]
			out.plain[k] = plain
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i < len(b) && b[i] == '}' {
			s.i = i + 1
			return true
		}
		s.i = i
		return false
	}
}

// Keys are the member names an Object call extracts, made once with
// NewKeys. A member's name is looked up by its length and first byte,
// which tell the names of a tracking log's event apart, then compared
// once: a line has a score of members, and comparing each with every
// name asked for was a seventh of the scan.
type Keys struct {
	names []string
	// at holds, by length and first byte, the index+1 of the one name of
	// that length and first byte, −1 when several share them (they are
	// then compared one by one), 0 when none.
	at [maxKeyLen + 1][256]int8
	// long are the indexes of names longer than maxKeyLen.
	long []int
}

// maxKeyLen is the longest name Keys finds by table.
const maxKeyLen = 31

// NewKeys makes the set of names, in the order Object's out follows;
// at most 127 of them.
func NewKeys(names ...string) *Keys {
	if len(names) > 127 {
		panic("jsonscan: more than 127 keys")
	}
	k := &Keys{names: names}
	for i, n := range names {
		switch {
		case len(n) > maxKeyLen:
			k.long = append(k.long, i)
		case n == "":
			k.long = append(k.long, i) // an empty name has no first byte
		case k.at[len(n)][n[0]] == 0:
			k.at[len(n)][n[0]] = int8(i + 1)
		default:
			k.at[len(n)][n[0]] = -1
		}
	}
	return k
}

// Len is how many names there are.
func (k *Keys) Len() int { return len(k.names) }

// index finds key among the names, or −1; a key with escapes is decoded
// first.
func (k *Keys) index(key []byte, esc bool, quoted []byte) int {
	if esc {
		var d string
		if json.Unmarshal(quoted, &d) != nil {
			return -1
		}
		key = []byte(d)
	}
	if len(key) == 0 || len(key) > maxKeyLen {
		for _, i := range k.long {
			if string(key) == k.names[i] {
				return i
			}
		}
		return -1
	}
	switch j := k.at[len(key)][key[0]]; {
	case j > 0:
		if string(key) == k.names[j-1] {
			return int(j - 1)
		}
	case j < 0:
		for i, n := range k.names {
			if string(key) == n {
				return i
			}
		}
	}
	return -1
}

type scanner struct {
	b    []byte
	i    int
	mask []uint64 // specials(b)
}

func (s *scanner) what() string {
	if s.i >= len(s.b) {
		return "end of input"
	}
	return fmt.Sprintf("%q", s.b[s.i])
}

func (s *scanner) fail() error {
	if s.i >= len(s.b) {
		return errors.New("unexpected end of JSON input")
	}
	return fmt.Errorf("%w: unexpected %s at byte %d", ErrSyntax, s.what(), s.i)
}

func (s *scanner) ws() { s.i = skipWS(s.b, s.i) }

// skipWS returns the position of the first byte at or after i that is not
// JSON white space. Every such byte is at most ' ', so most calls, on a
// byte that is not white space, are one compare.
func skipWS(b []byte, i int) int {
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// str scans a string starting at i (its opening quote) and returns the
// position after it (or of the error) and whether it needs decoding
// (escapes or non-ASCII bytes). It goes from mark to mark (next), never
// testing the plain bytes between them: most of a log line is strings,
// many of them short keys, and this loop is ingest's hottest.
func (s *scanner) str(i int) (end int, esc, ok bool) {
	b := s.b
	if i >= len(b) || b[i] != '"' {
		return i, false, false
	}
	for {
		i = s.next(i + 1)
		if i >= len(b) {
			return i, esc, false
		}
		c := b[i]
		switch {
		case c == '"':
			return i + 1, esc, true
		case c == '\\':
			esc = true
			if i+1 >= len(b) {
				return i, esc, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++ // the escaped byte is marked only if it is a quote or backslash; next starts past it
			case 'u':
				if i+6 > len(b) {
					return i, esc, false
				}
				for _, h := range b[i+2 : i+6] {
					if !isHex(h) {
						return i, esc, false
					}
				}
				i += 5
			default:
				return i, esc, false
			}
		case c < 0x20:
			return i, esc, false
		default: // non-ASCII: encoding/json decodes it (and replaces invalid UTF-8)
			esc = true
		}
	}
}

// special marks, with the high bit of its byte, each byte of w (eight
// bytes, little-endian) that is not strPlain: a quote, a backslash, a
// control character or non-ASCII. Each byte is tested on its own low
// seven bits, to which the additions never carry past the byte's high
// bit, so every mark is exact (the classic "has zero byte" test of
// Hacker's Delight 6-1, in its carry-free form).
func special(w uint64) uint64 {
	const lo, lo7, hi = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	quote := w ^ (lo * '"')
	bslash := w ^ (lo * '\\')
	m := ^(quote&lo7 + lo7 | quote)   // high bit set where the byte is a quote
	m |= ^(bslash&lo7 + lo7 | bslash) // … a backslash
	m |= ^(w&lo7 + lo*0x60)           // … below 0x20 in its low seven bits
	return (m | w) & hi               // … or non-ASCII
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// value skips one valid JSON value at depth (1 for a top-level member).
func (s *scanner) value(depth int) bool {
	b := s.b
	if s.i >= len(b) {
		return false
	}
	switch c := b[s.i]; {
	case c == '"':
		var ok bool
		s.i, _, ok = s.str(s.i)
		return ok
	case c == '{' || c == '[':
		if depth+1 > maxDepth {
			return false
		}
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		s.i++
		s.ws()
		if s.i < len(b) && b[s.i] == end {
			s.i++
			return true
		}
		for {
			s.ws()
			if c == '{' {
				var ok bool
				if s.i, _, ok = s.str(s.i); !ok {
					return false
				}
				s.ws()
				if s.i >= len(b) || b[s.i] != ':' {
					return false
				}
				s.i++
				s.ws()
			}
			if !s.value(depth + 1) {
				return false
			}
			s.ws()
			if s.i >= len(b) {
				return false
			}
			if b[s.i] == ',' {
				s.i++
				continue
			}
			if b[s.i] != end {
				return false
			}
			s.i++
			return true
		}
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	}
	return false
}

func (s *scanner) lit(w string) bool {
	if bytes.HasPrefix(s.b[s.i:], []byte(w)) {
		s.i += len(w)
		return true
	}
	return false
}

// number scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	b := s.b
	digits := func() int {
		n := 0
		for s.i < len(b) && b[s.i] >= '0' && b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if b[s.i] == '-' {
		s.i++
	}
	if s.i < len(b) && b[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return false
	}
	if s.i < len(b) && b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return false
		}
	}
	if s.i < len(b) && (b[s.i] == 'e' || b[s.i] == 'E') {
		s.i++
		if s.i < len(b) && (b[s.i] == '+' || b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}

// String decodes a raw value that must be a string or null ("" then).
func String(raw []byte, field string) (string, error) {
	v, err := Text(raw, field)
	return string(v), err
}

// Text is String without the copy: a plain string's bytes are
// returned in place (a slice of raw), so reading the fields of an event
// allocates nothing; only a string with escapes or non-ASCII bytes is
// decoded, by encoding/json, into new memory.
func Text(raw []byte, field string) ([]byte, error) {
	if raw == nil || string(raw) == "null" {
		return nil, nil
	}
	if len(raw) < 2 || raw[0] != '"' {
		return nil, fmt.Errorf("%s: want a string, got %s", field, Clip(raw))
	}
	inner := raw[1 : len(raw)-1]
	i := 0
	for ; i+8 <= len(inner); i += 8 { // eight bytes at a time, as in str
		w := binary.LittleEndian.Uint64(inner[i:])
		const lo, hi = 0x0101010101010101, 0x8080808080808080
		bs := w ^ (lo * '\\')
		if (w|(bs-lo)&^bs)&hi != 0 {
			break
		}
	}
	for _, c := range inner[i:] {
		if c == '\\' || c >= utf8.RuneSelf {
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, fmt.Errorf("%s: %w", field, err)
			}
			return []byte(v), nil
		}
	}
	return inner, nil
}

// Embedded returns an object value as it is, or the object encoded in a
// JSON string (edX browser events carry their payload that way); nil for
// anything else.
func Embedded(raw []byte) []byte {
	if len(raw) > 0 && raw[0] == '"' {
		s, err := Text(raw, "event")
		if err != nil {
			return nil
		}
		raw = s
	}
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	return raw
}

// Clip shortens a raw value for an error message: its first 40 bytes.
func Clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
