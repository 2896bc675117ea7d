package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// formatted matches a field that is a number formatted for reading, which
// R, pandas and spreadsheets read as text: thousands separators ("1,344"),
// a unit ("46.7 %"), an inequality ("< .001", "p < .001", "<5"), APA's missing leading
// zero (".015") or the typographic minus sign ("−3").
var formatted = regexp.MustCompile(`^(\d{1,3}(,\d{3})+(\.\d+)?|[−-]?\d*\.?\d+ ?%|(p )?[<>=≤≥] ?[−-]?\.?\d.*|[−-]?\.\d+|−\d.*)$`)

// checkCSVNumbers fails for every CSV field under dir/data that holds a
// formatted number instead of a plain one.
func checkCSVNumbers(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "data", "*.csv"))
	if len(files) == 0 {
		t.Fatalf("no CSV files under %s/data", dir)
	}
	for _, f := range files {
		b, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(b).ReadAll()
		b.Close()
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		bad := 0
		for i, rec := range recs[1:] {
			for j, field := range rec {
				if formatted.MatchString(field) {
					if bad < 3 {
						t.Errorf("%s:%d: column %d holds %q, a formatted number", filepath.Base(f), i+2, j+1, field)
					}
					bad++
				}
			}
		}
	}
}
