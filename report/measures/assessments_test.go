package measures

import (
	"strings"
	"testing"
)

// TestSortAssessments: assessments follow the grade report's columns,
// the course's order, not the alphabet; a name the columns lack comes
// last, in natural order.
func TestSortAssessments(t *testing.T) {
	for _, tc := range []struct {
		name           string
		names, columns []string
		want           string
	}{
		{"course order", []string{"Final Exam", "Homework 10", "Homework 2", "Homework 1"}, []string{"Homework 1", "Homework 2", "Homework 10", "Final Exam"},
			"Homework 1, Homework 2, Homework 10, Final Exam"},
		{"no columns: natural order", []string{"Homework 10", "Homework 2", "Final Exam"}, nil, "Final Exam, Homework 2, Homework 10"},
		{"unknown last", []string{"Quiz 2", "Lab", "Quiz 1"}, []string{"Lab"}, "Lab, Quiz 1, Quiz 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sortAssessments(tc.names, tc.columns)
			if got := strings.Join(tc.names, ", "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
