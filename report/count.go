package report

import "strconv"

// Count is n and a noun for a reader, the noun plural (with an s) unless
// n is 1: "1 input file", "178 input files".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
