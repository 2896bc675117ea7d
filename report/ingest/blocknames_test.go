package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutlineRealCourseBlocks: the Open edX pipeline's course blocks of
// PRDemo1 give its problems with their display names and units in course
// order — week 1's before week 2's, a unit's problems in the order the
// unit lists them.
func TestOutlineRealCourseBlocks(t *testing.T) {
	f, err := os.Open(filepath.Join(realdata(t), "openedx-analytics-pipeline", "course_blocks.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, _, err := readCourseBlocks(f, "course_blocks.json", &Course{Key: "pr", ID: "course-v1:OpenCraft+PRDemo1+2016"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range cs.Outline {
		if b.Type == "problem" {
			got = append(got, fmt.Sprintf("%s %s (%s)", b.Block[:6], b.Name, b.Parent))
		}
	}
	want := []string{
		"d2069c Multiple Choice (One Correct Answer)",
		"9ddba2 Multiple Choice with Hints and Feedback (One Correct Answer)",
		"7cb701 Multiple Choice (Multiple Correct Answers)",
		"a9cf38 Checkboxes with Hints and Feedback (Many Correct Answers)",
		"8ea311 Text Input (Free Text)",
		"8313ad Text Input with Hints and Feedback (Free Text with Hints)",
		"a0e578 Reflections (Custom Problems)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems in course order:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cs.Chapters != 3 || len(cs.Outline) != 25 || cs.Outline[0].Type != "course" {
		t.Errorf("chapters %d, %d blocks, first %+v", cs.Chapters, len(cs.Outline), cs.Outline[0])
	}
}

func TestOutlineOrder(t *testing.T) {
	for _, tc := range []struct {
		name string
		cb   courseBlocks
		want string
	}{
		{"root field, children in their order", courseBlocks{Root: "r", Blocks: map[string]courseBlock{
			"r": {Type: "course", Children: []string{"c2", "c1"}}, "c1": {Type: "chapter", DisplayName: " B "}, "c2": {Type: "chapter", DisplayName: "A", Children: []string{"p"}},
			"p": {Type: "problem", DisplayName: "Q"}}}, "r: c2:A p:Q/A c1:B"},
		{"no root field: the course block; orphans last, by id", courseBlocks{Blocks: map[string]courseBlock{
			"x+type@course+block@course": {Type: "course", Children: []string{"x+type@chapter+block@k"}}, "x+type@chapter+block@k": {Type: "chapter"},
			"x+type@problem+block@a": {Type: "problem", DisplayName: "Lost"}}}, "course: k: a:Lost"},
		{"a cycle is walked once", courseBlocks{Root: "r", Blocks: map[string]courseBlock{
			"r": {Type: "course", Children: []string{"a"}}, "a": {Type: "chapter", Children: []string{"r", "a"}}}}, "r: a:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, b := range tc.cb.outline() {
				s := b.Block + ":" + b.Name
				if b.Parent != "" {
					s += "/" + b.Parent
				}
				got = append(got, s)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

// TestGradeColumnsInOrder: the grade report's assignment columns come
// back in header order, the course's, which the report lists them in.
func TestGradeColumnsInOrder(t *testing.T) {
	csv := "Student ID,Email,Username,Grade,Enrollment Track,Verification Status,Certificate Eligible,Certificate Delivered,Certificate Type,Homework 2,Homework 10,Homework (Avg),Final Exam\n" +
		"7,a@example.org,a,0.5,audit,N/A,N,N,N/A,0.5,1,0.75,0.25\n"
	_, cols, err := readGrades(strings.NewReader(csv), "g.csv", &Course{Key: "k", ID: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cols, ", "); got != "Homework 2, Homework 10, Homework (Avg), Final Exam" {
		t.Errorf("columns %q", got)
	}
}
