package api

import (
	"fmt"
	"strconv"
	"strings"
)

// KubernetesVersion is a parsed spec.kubernetesVersion.
type KubernetesVersion struct {
	Major, Minor, Patch int
	Pre                 string // "alpha.1", "rc.1", … without the dash
}

// ParseKubernetesVersion reads a semantic version with or without a
// leading v: "v1.32.0", "1.33.4", "1.34.0-alpha.1". A missing patch
// ("1.33") is read as 0.
func ParseKubernetesVersion(s string) (KubernetesVersion, error) {
	var v KubernetesVersion
	core := strings.TrimPrefix(strings.TrimSpace(s), "v")
	core, v.Pre, _ = strings.Cut(core, "-")
	core, _, _ = strings.Cut(core, "+") // build metadata
	parts := strings.Split(core, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return v, fmt.Errorf("%q is not a version such as 1.33.4", s)
	}
	nums := []*int{&v.Major, &v.Minor, &v.Patch}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || (len(p) > 1 && p[0] == '0') {
			return v, fmt.Errorf("%q is not a version such as 1.33.4", s)
		}
		*nums[i] = n
	}
	return v, nil
}

func (v KubernetesVersion) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if v.Pre != "" {
		s += "-" + v.Pre
	}
	return s
}

// MinorAtLeast reports whether v is major.minor or newer.
func (v KubernetesVersion) MinorAtLeast(major, minor int) bool {
	return v.Major > major || (v.Major == major && v.Minor >= minor)
}
