package catalog

import "fmt"

// Image returns the image kOps' stable channel picks for a Kubernetes
// major.minor and an architecture, as an OWNER/NAME reference; false when
// the version is older than any drydock knows.
func Image(major, minor int, arch string) (string, bool) {
	for _, c := range []struct {
		major, minor int
		pattern      string
	}{
		// Newest first. Ubuntu 24.04 (noble), the image kOps 1.32–1.36 pick.
		{1, 30, "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-%s-server-20260714"},
	} {
		if major > c.major || (major == c.major && minor >= c.minor) {
			return fmt.Sprintf(c.pattern, arch), true
		}
	}
	return "", false
}
