package elbv2

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

var reName = regexp.MustCompile(`^[a-zA-Z0-9-]+$`)

// validLBName checks a load balancer name as CreateLoadBalancer does.
func validLBName(name string) error {
	switch {
	case len(name) > 32:
		return awsapi.ValidationError("LoadBalancer name cannot be longer than 32 characters")
	case !reName.MatchString(name):
		return awsapi.ValidationError("LoadBalancer name cannot contain characters that are not letters, or digits or the dash.")
	case strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-"):
		return awsapi.ValidationError("LoadBalancer name cannot begin or end with '-' character")
	case strings.HasPrefix(strings.ToLower(name), "internal-"):
		return awsapi.ValidationError("LoadBalancer name cannot begin with 'internal-'")
	}
	return nil
}

// validTGName checks a target group name as CreateTargetGroup does.
func validTGName(name string) error {
	switch {
	case len(name) > 32:
		return awsapi.ValidationError("Target group name '%s' cannot be longer than '32' characters", name)
	case !reName.MatchString(name):
		return awsapi.ValidationError("Target group name '%s' can only contain characters that are alphanumeric characters or hyphens(-)", name)
	case strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-"):
		return awsapi.ValidationError("Target group name '%s' cannot begin or end with '-'", name)
	}
	return nil
}

// intIn reads an optional integer parameter within [lo, hi]; def when
// absent.
func intIn(p awsapi.Params, name string, lo, hi, def int) (int, error) {
	v, err := p.Int(name, def)
	if err != nil {
		return 0, err
	}
	if p.Get(name) == "" {
		return def, nil
	}
	if v < lo {
		return 0, errConstraint(v, lowerFirst(name), fmt.Sprintf("Member must have value greater than or equal to %d", lo))
	}
	if v > hi {
		return 0, errConstraint(v, lowerFirst(name), fmt.Sprintf("Member must have value less than or equal to %d", hi))
	}
	return v, nil
}

// enum reads an optional parameter that must be one of values; def when
// absent.
func enum(p awsapi.Params, name, def string, values ...string) (string, error) {
	v := p.Get(name)
	if v == "" {
		return def, nil
	}
	for _, ok := range values {
		if v == ok {
			return v, nil
		}
	}
	return "", errConstraint(v, lowerFirst(name), "Member must satisfy enum value set: ["+strings.Join(values, ", ")+"]")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

var reTagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// parseTags reads Tags.member.N.{Key,Value}.
func parseTags(p awsapi.Params, prefix string) ([]tag, error) {
	var out []tag
	seen := map[string]bool{}
	for _, t := range p.Structs(prefix + ".member") {
		k, v := t.Get("Key"), t.Get("Value")
		if k == "" || len(k) > 128 || !reTagChars.MatchString(k) {
			return nil, errConstraint(k, "tags.member.key", "Member must have length between 1 and 128 and satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$")
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return nil, awsapi.ValidationError("Tag keys starting with 'aws:' are reserved for internal use")
		}
		if len(v) > 256 || !reTagChars.MatchString(v) {
			return nil, errConstraint(v, "tags.member.value", "Member must have length less than or equal to 256 and satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$")
		}
		if seen[k] {
			return nil, fail(codeDuplicateTagKeys, "Tag key '%s' is duplicated", k)
		}
		seen[k] = true
		out = append(out, tag{k, v})
	}
	return out, nil
}

// mergeTags sets tags on a resource's tags, replacing the values of
// existing keys; it fails with TooManyTags beyond the quota.
func mergeTags(have, add []tag) ([]tag, error) {
	out := append([]tag(nil), have...)
	for _, t := range add {
		replaced := false
		for i := range out {
			if out[i].Key == t.Key {
				out[i].Value = t.Value
				replaced = true
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, fail(codeTooManyTags, "The quota for the number of tags that can be assigned to a resource has been reached")
	}
	return out, nil
}

// sameStrings reports whether a and b hold the same strings in any order.
func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		if count[s]--; count[s] < 0 {
			return false
		}
	}
	return true
}
