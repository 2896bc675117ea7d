package ingest

import (
	"encoding/csv"
	"errors"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/moocreport/moocreport/report/study"
)

// hostile streams head, then body repeated up to n bytes, then tail,
// without ever holding more than one chunk: the 500 MB inputs of the
// tests exist only as this reader. It samples the heap every MiB it hands
// out, so a test sees the peak while the reader under test was working.
type hostile struct {
	head, body, tail string
	n, sent          int64
	chunk            []byte
	peak             uint64 // highest HeapAlloc seen
	nextSample       int64
}

func newHostile(head, body, tail string, n int64) *hostile {
	h := &hostile{head: head, body: body, tail: tail, n: n}
	h.chunk = []byte(strings.Repeat(body, (64<<10)/len(body)+1)[:64<<10])
	return h
}

func (h *hostile) Read(p []byte) (int, error) {
	if h.sent >= h.nextSample {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
		h.nextSample = h.sent + 1<<20
	}
	if h.sent < int64(len(h.head)) {
		n := copy(p, h.head[h.sent:])
		h.sent += int64(n)
		return n, nil
	}
	body := h.sent - int64(len(h.head))
	if body < h.n {
		off := body % int64(len(h.body))
		n := copy(p, h.chunk[off:])
		n = int(min(int64(n), h.n-body))
		h.sent += int64(n)
		return n, nil
	}
	t := h.sent - int64(len(h.head)) - h.n
	if t >= int64(len(h.tail)) {
		return 0, io.EOF
	}
	n := copy(p, h.tail[t:])
	h.sent += int64(n)
	return n, nil
}

// TestHostileInputBounded feeds each reader a 500 MB field or line and
// checks it is refused with its place named, having read little of it
// and with the heap far under the 512 MB a build may use.
func TestHostileInputBounded(t *testing.T) {
	const big = 500 << 20
	profileHead := "id,username,name,email,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n" +
		"1,ana,Ana,a@x.org,1990,f,m,audit,,DK\n"
	survey := study.Survey{Key: "pre", IDColumn: "u", Questions: []study.Question{{ID: "Q1", Type: "text"}}}
	readProfile := func(r io.Reader) error { _, err := ReadProfile(r, "p.csv", &Course{Key: "k"}); return err }
	readSurvey := func(r io.Reader) error {
		_, err := ReadCSVSurvey(r, "s.csv", survey, &Course{Key: "k", PublishText: true})
		return err
	}
	readRDP := func(r io.Reader) error {
		_, _, err := readRDPEnrollment(r, "e.sql", &Course{Key: "k", ID: "c"})
		return err
	}
	readBlocks := func(r io.Reader) error {
		_, _, err := readCourseBlocks(r, "b.json", &Course{Key: "k", ID: "c"})
		return err
	}
	tests := []struct {
		name             string
		read             func(io.Reader) error
		head, body, tail string
		want             string
	}{
		{"profile: a 500 MB quoted field", readProfile, profileHead + `2,"`, "x", "\",,,,,,,,\n",
			"p.csv:3:3: too long: a field longer than 1 MiB, refused (a damaged file? if it is genuine, raise limits.max_field in study.yaml)"},
		{"profile: a 500 MB line of short fields", readProfile, profileHead, "a,", "\n",
			"p.csv:3: too long: a record of more than 262144 fields, refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)"},
		{"profile: a 500 MB line of 100-byte fields", readProfile, profileHead, strings.Repeat("a", 99) + ",", "\n",
			"p.csv:3: too long: a record longer than 16 MiB, refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)"},
		{"survey: a 500 MB answer of short lines", readSurvey, "u,Q1\nana,\"", "lorem ipsum\n", "\"\n",
			"s.csv:2:5: too long: a field longer than 1 MiB, refused (a damaged file? if it is genuine, raise limits.max_field in study.yaml)"},
		{"research data package TSV: a 500 MB line", readRDP, "user_id\tcourse_id\tcreated\tis_active\tmode\n", "x", "\n",
			"e.sql:2: too long: a line longer than 16 MiB, refused (a damaged file? if it is genuine, raise limits.max_line in study.yaml)"},
		{"course structure: 500 MB", readBlocks, `{"root": "x", "blocks": {"a": {"display_name": "`, "x", `"}}}`,
			"b.json: too long: a course structure longer than 64 MiB (four times limits.max_record), refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)"},
		{"research data package TSV: a row of 16 MB of tabs", readRDP, "user_id\tcourse_id\tcreated\tis_active\tmode\n", "\t", "\n",
			"e.sql:2: too long: a line longer than 16 MiB, refused (a damaged file? if it is genuine, raise limits.max_line in study.yaml)"},
		{"SQL dump: a 500 MB value", readRDP, "INSERT INTO `student_courseenrollment` (`user_id`) VALUES ('", "x", "');\n",
			"e.sql:1:60: too long: a value longer than 1 MiB, refused (a damaged file? if it is genuine, raise limits.max_field in study.yaml)"},
		{"SQL dump: a 500 MB row of short values", readRDP, "INSERT INTO `student_courseenrollment` (`user_id`) VALUES (", "1,", "1);\n",
			"e.sql:1: too long: a row of more than 262144 values, refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			h := newHostile(tt.head, tt.body, tt.tail, big)
			err := tt.read(h)
			checkErr(t, err, tt.want)
			if !errors.Is(err, ErrTooLong) {
				t.Errorf("error %v is not ErrTooLong", err)
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			peak := max(h.peak, after.HeapAlloc)
			t.Logf("read %d MiB of %d MiB; peak heap %d MiB (%d MiB before)", h.sent>>20, int64(big)>>20, peak>>20, before.HeapAlloc>>20)
			// A course structure is read whole, up to 64 MiB; everything
			// else stops at the 16 MiB record limit.
			if h.sent > 80<<20 {
				t.Errorf("read %d MiB before refusing: the limit did not stop the reader early", h.sent>>20)
			}
			if peak > before.HeapAlloc+200<<20 {
				t.Errorf("peak heap %d MiB: more than 200 MiB over the %d MiB before", peak>>20, before.HeapAlloc>>20)
			}
		})
	}
}

// TestLimitsFromStudy checks that a study's own limits apply, not only
// the defaults.
func TestLimitsFromStudy(t *testing.T) {
	c := &Course{Key: "k", Limits: study.Limits{MaxField: 20, MaxRecord: 4096}}
	in := "id,username,name,email,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n" +
		"1,ana,Ana,a@x.org,1990,f,m,audit,,DK\n2,bo,Bo Larsson-Lindqvist-Ek,b@x.org,,m,,audit,,SE\n"
	_, err := ReadProfile(strings.NewReader(in), "p.csv", c)
	checkErr(t, err, "p.csv:3:6: too long: a field longer than 20 bytes, refused (a damaged file? if it is genuine, raise limits.max_field in study.yaml)")
	_, _, err = readRDPEnrollment(strings.NewReader(strings.Repeat("\t", 100)+"\n"), "e.sql", c)
	checkErr(t, err, "e.sql:1: too long: a header of more than 64 columns, refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)")
}

// TestNotUTF8 checks that bytes which are not UTF-8 are refused where they
// are, in the CSV readers (across the guard's read boundaries too), the
// research data package's TSV tables, and that UTF-16 still reads.
func TestNotUTF8(t *testing.T) {
	const head = "id,username,name,email,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n"
	readProfile := func(in string) error {
		_, err := ReadProfile(strings.NewReader(in), "p.csv", &Course{Key: "k"})
		return err
	}
	survey := study.Survey{Key: "pre", IDColumn: "u", Questions: []study.Question{{ID: "Q1", Type: "single"}}}
	readSurvey := func(in string) error {
		_, err := ReadCSVSurvey(strings.NewReader(in), "s.csv", survey, &Course{Key: "k"})
		return err
	}
	long := strings.Repeat("é", 40000) // multi-byte characters across 64 KiB reads
	tests := []struct {
		name string
		read func(string) error
		in   string
		want string
	}{
		{"Latin-1 é in a profile", readProfile, head + "1,ana,Ana,a@x.org,1990,f,m,audit,,DK\n2,jos\xe9,Jos\xe9,j@x.org,,m,,audit,,ES\n",
			"p.csv:3:6: not UTF-8 text: byte 0xE9 does not start a UTF-8 character (save the file as UTF-8 or UTF-16)"},
		{"truncated character at the end", readProfile, head + "1,ana,Ana,a@x.org,1990,f,m,audit,,D\xc3",
			"p.csv:2:36: not UTF-8 text: byte 0xC3 does not start a UTF-8 character (save the file as UTF-8 or UTF-16)"},
		{"encoded surrogate", readSurvey, "u,Q1\nana,\xed\xa0\x80\n",
			"s.csv:2:5: not UTF-8 text: byte 0xED does not start a UTF-8 character (save the file as UTF-8 or UTF-16)"},
		{"overlong slash", readSurvey, "u,Q1\nana,\xc0\xaf\n",
			"s.csv:2:5: not UTF-8 text: byte 0xC0 does not start a UTF-8 character (save the file as UTF-8 or UTF-16)"},
		{"valid after a long run of multi-byte text", readSurvey, "u,Q1\nana,\"" + long + "\"\nbo,\xff\n",
			"s.csv:3:4: not UTF-8 text: byte 0xFF does not start a UTF-8 character (save the file as UTF-8 or UTF-16)"},
		{"TSV table", func(in string) error {
			_, _, err := readRDPEnrollment(strings.NewReader(in), "e.sql", &Course{Key: "k", ID: "c"})
			return err
		}, "user_id\tcourse_id\tcreated\tis_active\tmode\n1\tc\t2026-01-01 00:00:00\t1\tcaf\xe9\n",
			"e.sql:2:27: column \"mode\": not UTF-8 text: byte 0xE9, 3 bytes into the value, does not start a UTF-8 character (save the file as UTF-8)"},
		{"SQL dump", func(in string) error {
			_, _, err := readRDPEnrollment(strings.NewReader(in), "e.sql", &Course{Key: "k", ID: "c"})
			return err
		}, "INSERT INTO `student_courseenrollment` (`user_id`,`course_id`,`created`,`is_active`,`mode`,`note`) VALUES\n(1,'c','2026-01-01 00:00:00',1,'audit','caf\xe9'),\n(2,'c','2026-01-01 00:00:00',1,'caf\xe9','ok');\n",
			"e.sql:3:32: column \"mode\": not UTF-8 text: byte 0xE9, 3 bytes into the value, does not start a UTF-8 character (save the file as UTF-8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read(tt.in)
			checkErr(t, err, tt.want)
			if !errors.Is(err, ErrNotUTF8) {
				t.Errorf("error %v is not ErrNotUTF8", err)
			}
		})
	}
	t.Run("UTF-16 with a BOM reads", func(t *testing.T) {
		in := "\xff\xfe" + utf16LE("u\tQ1\r\nana\tJosé\r\n")
		got, err := ReadCSVSurvey(strings.NewReader(in), "s.csv", survey, &Course{Key: "k"})
		if err != nil || len(got) != 1 || got[0].Answers["Q1"] != "José" {
			t.Fatalf("got %+v, %v; want one answer José", got, err)
		}
	})
}

// utf16LE encodes s (Latin-1 range only) as UTF-16LE.
func utf16LE(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

// FuzzCSVGuard checks the guard against encoding/csv alone: it passes
// valid UTF-8 through unchanged (the same records, the same errors), and
// under tiny limits no record it lets through holds a longer field or
// record, and every refusal is one of its own.
func FuzzCSVGuard(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"x\ny\",\"\"\"\"\n", "a;b\r\n", "é,ü\n", "\"unterminated\n", "1,2,3,4,5,6,7,8,9\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		plain := csv.NewReader(strings.NewReader(s))
		guarded := newTable(strings.NewReader(s), "f.csv", study.Limits{}, ',')
		for {
			want, werr := plain.Read()
			got, gerr := guarded.src.(*csvRows).r.Read()
			if (werr == nil) != (gerr == nil) || !slices.Equal(want, got) {
				t.Fatalf("csv %q, %v; guarded %q, %v", want, werr, got, gerr)
			}
			if werr != nil {
				break
			}
		}
		lim := study.Limits{MaxField: 8, MaxRecord: 64}
		small := newTable(strings.NewReader(s), "f.csv", lim, ',')
		for {
			rec, err := small.read()
			if err != nil {
				var pe *ParseError
				if err != io.EOF && !errors.As(err, &pe) {
					t.Fatalf("error %v is not a *ParseError", err)
				}
				return
			}
			n := 0
			for _, field := range rec {
				if len(field) > 8 {
					t.Fatalf("field %q longer than 8 bytes let through", field)
				}
				n += len(field)
			}
			if n > 64 {
				t.Fatalf("record %q longer than 64 bytes let through", rec)
			}
		}
	})
}
