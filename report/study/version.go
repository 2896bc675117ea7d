package study

import (
	"fmt"
	"regexp"
	"strings"
)

var versionRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// reservedVersions are the names public/ uses for other things than a
// version: the list of versions, the copy of the newest one and the draft.
// They are compared without case, as macOS and Windows file systems do.
var reservedVersions = []string{"index.html", "latest", "draft"}

// CheckVersion says why v cannot name a published version: public/<v>/ must
// be a plain folder name, not hidden, and not one of the names public/
// keeps for itself.
func CheckVersion(v string) error {
	if !versionRE.MatchString(v) || strings.Contains(v, "..") {
		return fmt.Errorf("want a version made of letters, digits, '.', '_' or '-', starting with a letter or digit, got %q", v)
	}
	for _, r := range reservedVersions {
		if strings.EqualFold(v, r) {
			return fmt.Errorf("%q is kept for the published site's own use (%s); choose another version, e.g. \"1.0.0\"", v, strings.Join(reservedVersions, ", "))
		}
	}
	return nil
}
