package pdf

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestPlanTable(t *testing.T) {
	rows := func(n int, h float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = h
		}
		return out
	}
	tests := []struct {
		name            string
		remaining, full float64
		head            float64
		rows            []float64
		tail            float64
		want            tablePlan
	}{
		{"fits where it is", 100, 250, 10, rows(5, 10), 0, tablePlan{pages: []int{5}}},
		{"exactly fills the page", 60, 250, 10, rows(5, 10), 0, tablePlan{pages: []int{5}}},
		{"a table that fits a page is not split but moves whole", 35, 250, 10, rows(5, 10), 0, tablePlan{newPage: true, pages: []int{5}}},
		{"no 2 + 1 split of a three-row table", 35, 250, 10, rows(3, 10), 0, tablePlan{newPage: true, pages: []int{3}}},
		{"a table longer than a page starts where two rows fit", 35, 100, 10, rows(12, 10), 0, tablePlan{pages: []int{2, 8, 2}}},
		{"header with one row moves to a new page", 25, 250, 10, rows(5, 10), 0, tablePlan{newPage: true, pages: []int{5}}},
		{"header alone moves to a new page", 12, 250, 10, rows(5, 10), 0, tablePlan{newPage: true, pages: []int{5}}},
		{"a one-row table needs only that row", 25, 250, 10, rows(1, 10), 0, tablePlan{pages: []int{1}}},
		{"at the top of a page a table never moves", 25, 25, 10, rows(5, 10), 0, tablePlan{pages: []int{1, 1, 1, 1, 1}}},
		{"empty table", 5, 250, 10, nil, 0, tablePlan{newPage: true, pages: []int{0}}},
		{"spans three pages", 50, 100, 10, rows(20, 10), 0, tablePlan{pages: []int{4, 9, 7}}},
		{"single orphan row is joined by one from the page before", 100, 100, 10, rows(10, 10), 0, tablePlan{pages: []int{8, 2}}},
		{"orphan stays when the page before cannot spare a row", 30, 30, 10, rows(3, 10), 0, tablePlan{pages: []int{2, 1}}},
		{"a row taller than a page gets a page of its own", 250, 250, 10, []float64{10, 300, 10}, 0, tablePlan{pages: []int{1, 1, 1}}},
		{"the note fits under the last row", 80, 250, 10, rows(5, 10), 15, tablePlan{pages: []int{5}}},
		{"the note does not fit: the table moves with it", 65, 250, 10, rows(5, 10), 15, tablePlan{newPage: true, pages: []int{5}}},
		{"rows that fit without the note still move with it", 60, 250, 10, rows(5, 10), 5, tablePlan{newPage: true, pages: []int{5}}},
		{"a long table's note takes its last rows along", 65, 100, 10, rows(14, 10), 15, tablePlan{pages: []int{5, 7, 2}}},
		{"a table without rows moves whole with its note", 20, 250, 10, nil, 15, tablePlan{newPage: true, pages: []int{0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := planTable(tt.remaining, tt.full, tt.head, tt.rows, tt.tail)
			if got.newPage != tt.want.newPage || !slices.Equal(got.pages, tt.want.pages) {
				t.Errorf("planTable(%v, %v, %v, %d rows) = %+v, want %+v", tt.remaining, tt.full, tt.head, len(tt.rows), got, tt.want)
			}
			n := 0
			for _, c := range got.pages {
				n += c
			}
			if n != len(tt.rows) {
				t.Errorf("plan holds %d rows, table has %d", n, len(tt.rows))
			}
		})
	}
}

func TestPlaceFigure(t *testing.T) {
	tests := []struct {
		name                          string
		remaining, full, img, caption float64
		newPage                       bool
		height                        float64
	}{
		{"fits with its caption", 120, 250, 85, 12, false, 85},
		{"fits exactly", 97, 250, 85, 12, false, 85},
		{"caption would fall off: both move", 90, 250, 85, 12, true, 85},
		{"at the top of a page it stays", 250, 250, 85, 12, false, 85},
		{"taller than a page is shrunk to fit with its caption", 250, 250, 300, 12, false, 238},
		{"taller than a page, mid-page: shrunk and moved", 100, 250, 300, 12, true, 238},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newPage, h := placeFigure(tt.remaining, tt.full, tt.img, tt.caption)
			if newPage != tt.newPage || math.Abs(h-tt.height) > 1e-9 {
				t.Errorf("placeFigure(%v, %v, %v, %v) = %v, %v; want %v, %v", tt.remaining, tt.full, tt.img, tt.caption, newPage, h, tt.newPage, tt.height)
			}
		})
	}
}

func TestColumnWidths(t *testing.T) {
	tests := []struct {
		name             string
		natural, minimum []float64
		keep             []bool
		avail            float64
		want             []float64
	}{
		{"natural widths fit", []float64{20, 30, 15}, []float64{10, 10, 15}, nil, 170, []float64{20, 30, 15}},
		{"only the wide text column shrinks", []float64{10, 400, 12, 12}, []float64{10, 30, 12, 12}, nil, 170, []float64{10, 136, 12, 12}},
		{"two wide columns shrink to a common width", []float64{10, 200, 300}, []float64{10, 20, 20}, nil, 170, []float64{10, 80, 80}},
		{"a column keeps its longest word", []float64{10, 200, 300}, []float64{10, 120, 20}, nil, 170, []float64{10, 120, 40}},
		{"longest words too wide: scaled down", []float64{100, 200}, []float64{100, 100}, nil, 100, []float64{50, 50}},
		{"too wide: numbers keep their width, text breaks", []float64{60, 10, 120}, []float64{60, 10, 120}, []bool{false, true, false}, 100, []float64{30, 10, 60}},
		{"too wide even for the numbers: all scale", []float64{50, 80}, []float64{50, 80}, []bool{false, true}, 100, []float64{50 * 100 / 130.0, 80 * 100 / 130.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := tt.keep
			if keep == nil {
				keep = make([]bool, len(tt.natural))
			}
			got := columnWidths(tt.natural, tt.minimum, keep, tt.avail)
			sum := 0.0
			for i := range got {
				sum += got[i]
				if math.Abs(got[i]-tt.want[i]) > 1e-6 {
					t.Fatalf("columnWidths = %v, want %v", got, tt.want)
				}
			}
			if sum > tt.avail+1e-6 {
				t.Errorf("widths sum to %v, more than %v", sum, tt.avail)
			}
		})
	}
}

func TestSplitRow(t *testing.T) {
	lines := func(prefix string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%s%d", prefix, i+1))
		}
		return out
	}
	tests := []struct {
		name  string
		cells [][]string
		k     int
		want  [][][]string
	}{
		{"fits: one piece", [][]string{{"a1"}, lines("b", 3)}, 3, [][][]string{{{"a1"}, {"b1", "b2", "b3"}}}},
		{"long text column split, marked", [][]string{{"a1"}, lines("b", 5)}, 3, [][][]string{
			{{"a1"}, {"b1", "b2", "b3"}},
			{{continuedMark}, {"b4", "b5"}},
		}},
		{"long label column leaves room for the mark", [][]string{lines("a", 5), {"1"}}, 3, [][][]string{
			{{"a1", "a2", "a3"}, {"1"}},
			{{continuedMark, "a4", "a5"}, nil},
		}},
		{"three pieces", [][]string{{"a"}, lines("b", 7)}, 3, [][][]string{
			{{"a"}, {"b1", "b2", "b3"}},
			{{continuedMark}, {"b4", "b5", "b6"}},
			{{continuedMark}, {"b7"}},
		}},
		{"k below 2 still progresses", [][]string{lines("a", 3)}, 0, [][][]string{
			{{"a1", "a2"}}, {{continuedMark, "a3"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitRow(tt.cells, tt.k)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("splitRow = %q, want %q", got, tt.want)
			}
			for i, piece := range got {
				for _, c := range piece {
					if len(c) > max(tt.k, 2) {
						t.Errorf("piece %d has a cell of %d lines, more than %d", i, len(c), tt.k)
					}
				}
			}
		})
	}
}

func TestAppendixStart(t *testing.T) {
	secs := func(ids ...string) []report.Section {
		var out []report.Section
		for _, id := range ids {
			out = append(out, report.Section{ID: id})
		}
		return out
	}
	tests := []struct {
		name string
		secs []report.Section
		want int
	}{
		{"default outline: the closing run", secs("introduction", "learners", "methods", "data-quality", "disclosure", "provenance"), 2},
		{"an author's section last: no appendices", secs("introduction", "methods", "provenance", "references"), 4},
		{"appendix in the middle keeps its number", secs("introduction", "methods", "learners", "provenance"), 3},
		{"no sections", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := appendixStart(tt.secs); got != tt.want {
				t.Errorf("appendixStart = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestAppendixLetter(t *testing.T) {
	for k, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA"} {
		if got := appendixLetter(k); got != want {
			t.Errorf("appendixLetter(%d) = %q, want %q", k, got, want)
		}
	}
}
