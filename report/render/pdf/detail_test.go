package pdf

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestDetailTableAttached: with the data attached, a detail table keeps
// its caption and number but its rows go only to its CSV; without
// attachments nothing would hold them, so they are printed.
func TestDetailTableAttached(t *testing.T) {
	one := 1.0
	detail := &report.Table{ID: "skipped-by-file", Title: "Skipped, by file", Columns: []string{"File", "Count"}, Detail: true,
		Definition: "Records not read."}
	for _, f := range []string{"FILE-A.log", "FILE-B.log", "FILE-C.log"} {
		detail.Rows = append(detail.Rows, []report.Cell{{Text: f}, {Text: "1", Value: &one}})
	}
	doc := &report.Document{Title: "Detail", Sections: []report.Section{{ID: "q", Title: "Data quality", Blocks: []report.Block{{Table: detail}}}}}
	for _, tt := range []struct {
		name   string
		attach bool
		want   []string
		not    []string
	}{
		{"attached", true, []string{"Table 1. Skipped, by file", "The 3 rows of this table are in skipped-by-file.csv, attached to this PDF.", "Definition. Records not read."}, []string{"FILE-A.log"}},
		{"not attached", false, []string{"Table 1. Skipped, by file", "FILE-A.log", "FILE-C.log"}, []string{"attached to this PDF"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := renderFile(t, doc, Options{AttachData: tt.attach})
			text := flat(pages(t, path))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(text, n) {
					t.Errorf("text has %q", n)
				}
			}
			if tt.attach && !strings.Contains(tool(t, "pdfdetach", "-list", path), "skipped-by-file.csv") {
				t.Error("the detail table's CSV is not attached")
			}
		})
	}
}
