package jsonscan

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The members the tracking-log reader asks for, so the fuzz test exercises
// the calls report/ingest makes: top-level keys with context (index
// kContext) scanned in the same pass.
var (
	eventNames   = []string{"time", "event_type", "event_source", "username", "page", "context", "event"}
	contextNames = []string{"course_id", "user_id", "path"}
	eventKeys    = NewKeys(eventNames...)
	contextKeys  = NewKeys(contextNames...)
)

const kContext = 5

// readFixture reads a file of report/ingest's test fixtures, the real
// tracking-log lines the fuzz corpus starts from.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "report", "ingest", "testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// strPlain marks the bytes a string can hold without a closer look: not
// the quote, the backslash, control characters or non-ASCII.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return
}()

// TestSpecial holds the eight-byte test to the byte table it stands for:
// each byte is marked exactly when it is not plain.
func TestSpecial(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	specials := []byte{'"', '\\', 0, 0x1f, 0x7f, 0x80, 0xff, ' ', 'a', '~', 0x21, 0x5b, 0x5d, 0xa2, 0xdc, 0x9f, 0xa0}
	for iter := 0; iter < 200000; iter++ {
		var b [8]byte
		for i := range b {
			if r.IntN(3) == 0 {
				b[i] = specials[r.IntN(len(specials))]
			} else {
				b[i] = byte(r.UintN(256))
			}
		}
		m := special(binary.LittleEndian.Uint64(b[:]))
		for i, c := range b {
			if marked := m>>(8*i+7)&1 == 1; marked != !strPlain[c] {
				t.Fatalf("special(% x): byte %d marked %v, want %v", b, i, marked, !strPlain[c])
			}
		}
		if m&^0x8080808080808080 != 0 {
			t.Fatalf("special(% x) = %#x: bits set below a byte's high bit", b, m)
		}
	}
}

// TestSpecials holds a line's marks, made by vector instructions where
// the processor has them and by specialBlocksGo, to the byte table: each
// byte's bit is set exactly when it is not plain, and every bit past the
// end is set.
func TestSpecials(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	specialsAt := []byte{'"', '\\', 0, 0x1f, 0x7f, 0x80, 0xff, ' ', 'a', '~', 0x21}
	for n := 0; n <= 300; n++ {
		for iter := 0; iter < 20; iter++ {
			b := make([]byte, n)
			for i := range b {
				if r.IntN(4) == 0 {
					b[i] = specialsAt[r.IntN(len(specialsAt))]
				} else {
					b[i] = byte(0x20 + r.UintN(0x60))
				}
			}
			words := (n + 63) / 64
			got := make([]uint64, words)
			specials(b, got)
			byGo := make([]uint64, words)
			full := n &^ 63
			specialBlocksGo(b[:full], byGo)
			for j := 0; j < words*64; j++ {
				want := j >= n || !strPlain[b[j]]
				if bit := got[j>>6]>>(j&63)&1 == 1; bit != want {
					t.Fatalf("n=%d: byte %d (% x): marked %v, want %v", n, j, b[min(j, n-1)], bit, want)
				}
				if j < full {
					if bit := byGo[j>>6]>>(j&63)&1 == 1; bit != want {
						t.Fatalf("n=%d: specialBlocksGo: byte %d (% x): marked %v, want %v", n, j, b[j], bit, want)
					}
				}
			}
		}
	}
}

// FuzzObject holds the field extractor to encoding/json: it accepts
// exactly the JSON objects json.Valid accepts, and every member it
// extracts is the one encoding/json sees (last of repeated members wins).
func FuzzObject(f *testing.F) {
	for _, name := range []string{"tiny/logs/tracking.log-20260302"} {
		for _, line := range bytes.Split(readFixture(f, name), []byte("\n")) {
			f.Add(line)
		}
	}
	for _, s := range []string{`{}`, ` {"time":1} `, `{"a":[1,{"b":null}],"time":"x\u00e9\"","time":"y"}`, `{"event_type":"\ud800"}`,
		`{"page":"\xff"}`, `{"ti\u006de":"x"}`, `{"context":{"course_id":"c","user_id":1},"context":{"path":"/p"}}`, `{"context":[{"user_id":1}]}`, `{"x":-0.5e+3}`, `{"x":01}`, `{"x":1.}`, `[]`, `null`, `{"a":1,}`, `{"a" 1}`, "{\"a\":\"\t\"}"} {
		f.Add([]byte(s))
	}
	// Strings that cross 64-byte blocks of marks: a long plain run, and
	// escapes and non-ASCII bytes on either side of a block's edge.
	long := strings.Repeat("a", 200)
	for _, s := range []string{`{"time":"` + long + `"}`, `{"page":"` + long[:62] + `\"` + long + `"}`, `{"page":"` + long[:61] + `\u00e9` + long + `"}`,
		`{"` + long[:55] + `":"` + long[:70] + "\xc3\xa9" + `"}`, `{"time":"` + long[:63] + `"}`, `{"time":"` + long + `` /* unterminated */} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		found, subFound := NewFound(eventKeys), NewFound(contextKeys)
		err := ObjectIn(b, eventKeys, found, kContext, contextKeys, subFound)
		out, sub := found.Raw, subFound.Raw
		var m map[string]json.RawMessage
		oracle := json.Unmarshal(b, &m)
		isObj := oracle == nil && m != nil
		if (err == nil) != isObj {
			t.Fatalf("Object err=%v, encoding/json err=%v obj=%v for %q", err, oracle, isObj, b)
		}
		if err != nil {
			return
		}
		for i, k := range eventNames {
			want, ok := m[k]
			if !ok {
				if out[i] != nil {
					t.Fatalf("member %q: got %q, encoding/json has none", k, out[i])
				}
				continue
			}
			if !bytes.Equal(bytes.TrimSpace(want), out[i]) {
				t.Fatalf("member %q: got %q, want %q", k, out[i], want)
			}
			var ws string
			werr := json.Unmarshal(want, &ws)
			gs, gerr := String(out[i], k)
			if string(want) == "null" {
				werr = nil
			}
			if (werr == nil) != (gerr == nil) || werr == nil && gs != ws {
				t.Fatalf("member %q: got %q (%v), encoding/json %q (%v)", k, gs, gerr, ws, werr)
			}
			// Found.Text, which skips the second look at a plain
			// string, gives what Text gives.
			if ft, ferr := found.Text(i, k); (ferr == nil) != (gerr == nil) || string(ft) != gs {
				t.Fatalf("member %q: Found.Text %q (%v), Text %q (%v)", k, ft, ferr, gs, gerr)
			}
		}
		// The context's members, extracted in the same pass.
		var ctx map[string]json.RawMessage
		if json.Unmarshal(m["context"], &ctx) != nil {
			ctx = nil
		}
		for i, k := range contextNames {
			want, ok := ctx[k]
			if !ok && sub[i] != nil || ok && !bytes.Equal(bytes.TrimSpace(want), sub[i]) {
				t.Fatalf("context member %q: got %q, encoding/json %q", k, sub[i], want)
			}
		}
	})
}

// BenchmarkObjectIn extracts the tracking reader's members from the real
// lines of the fixture log (its objects, not its comment and blank
// lines), reporting MB/s of JSON.
func BenchmarkObjectIn(b *testing.B) {
	var lines [][]byte
	for _, l := range bytes.Split(readFixture(b, "tiny/logs/tracking.log-20260302"), []byte("\n")) {
		if bytes.HasPrefix(l, []byte("{")) {
			lines = append(lines, l)
		}
	}
	out, sub := NewFound(eventKeys), NewFound(contextKeys)
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, l := range lines {
			if err := ObjectIn(l, eventKeys, out, kContext, contextKeys, sub); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestKeys finds members by name through the Keys table: names that share
// a length and first byte, names longer than the table, the empty name
// and names written with escapes.
func TestKeys(t *testing.T) {
	long := strings.Repeat("x", maxKeyLen+5)
	keys := NewKeys("time", "type", "tame", "", long, "page")
	for _, tc := range []struct {
		json string
		want []string // raw value per key, "" for none
	}{
		{`{"time":1,"type":2,"tame":3,"page":4}`, []string{"1", "2", "3", "", "", "4"}},
		{`{"":"e","` + long + `":true,"tim":0,"times":0}`, []string{"", "", "", `"e"`, "true", ""}},
		{`{"ti\u006de":7,"p\u0061ge":[1]}`, []string{"7", "", "", "", "", "[1]"}},
		{`{"tame":1,"tame":2}`, []string{"", "", "2", "", "", ""}},
	} {
		out := NewFound(keys)
		if err := Object([]byte(tc.json), keys, out); err != nil {
			t.Fatalf("%s: %v", tc.json, err)
		}
		for i, w := range tc.want {
			if string(out.Raw[i]) != w {
				t.Errorf("%s: member %q = %q, want %q", tc.json, keys.names[i], out.Raw[i], w)
			}
		}
	}
}
