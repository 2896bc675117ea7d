package build

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report/site"
)

// TestProvenanceByFolder: one row per folder, whatever the number of
// files, with a combined digest anyone can recompute with sha256sum.
func TestProvenanceByFolder(t *testing.T) {
	p := &Prepared{
		StudyFH: site.FileHash{Path: "study.yaml", SHA256: "cccc", Bytes: 812},
		// Out of order on purpose: the digest is over path order.
		Inputs: []site.FileHash{
			{Path: "data/b.csv", SHA256: "bbbb", Bytes: 1_500_000},
			{Path: "data/a.csv", SHA256: "aaaa", Bytes: 2500},
		},
	}
	tab := provenance(p).Table
	var got []string
	for _, r := range tab.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, " | "))
	}
	want := []string{
		// printf 'study.yaml\0cccc\0' | sha256sum
		"(study folder) | 1 | 812 B | ef244378536145dd9067bca0f708e8101cdfd466326e2262c95c4bcd1b37d7d7",
		// printf 'data/a.csv\0aaaa\0data/b.csv\0bbbb\0' | sha256sum
		"data/ | 2 | 1.5 MB | 6f60f51999f11cf118c84719553bdbcc5c4c532534c1063b8ac69d1823814721",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r := tab.Rows[1]; r[1].Value == nil || *r[1].Value != 2 || r[2].Value == nil || *r[2].Value != 1_502_500 {
		t.Errorf("file count and size must carry their numbers: %+v %+v", r[1], r[2])
	}
	if !strings.Contains(tab.Note, "manifest.json") || !strings.Contains(tab.Note, "NUL byte") {
		t.Errorf("the note must define the digest and point to the full list: %q", tab.Note)
	}
}

func TestByteSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {342680, "342.7 kB"}, {12_400_000, "12.4 MB"}, {3_000_000_000, "3.0 GB"}} {
		if got := byteSize(tt.n); got != tt.want {
			t.Errorf("byteSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
