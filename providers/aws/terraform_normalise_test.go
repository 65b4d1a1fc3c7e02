package aws_test

import (
	"regexp"
	"slices"
	"strings"
)

// tfNormalise makes the lines of two accounts comparable: each ID is
// replaced by KIND:NAME of the resource it names (its Name tag, or its
// name), an ID of a resource without a name by its prefix and "?", a
// load balancer's DNS name by "LB-DNS", and public IPs are left out.
func tfNormalise(lines []string) []string {
	labels := map[string]string{}
	used := map[string]int{}
	for _, l := range lines {
		w := strings.Fields(l)
		if len(w) < 3 {
			continue
		}
		for _, prefix := range []string{"Name=", "name="} {
			if i := slices.IndexFunc(w[3:], func(s string) bool { return strings.HasPrefix(s, prefix) }); i >= 0 {
				label := w[1] + ":" + strings.TrimPrefix(w[3+i], prefix)
				if _, seen := labels[w[2]]; !seen {
					labels[w[2]] = label
					used[label]++
				}
				break
			}
		}
	}
	for id, label := range labels {
		if used[label] > 1 { // not a name that tells them apart
			delete(labels, id)
		}
	}
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = tfIDPattern.ReplaceAllStringFunc(l, func(id string) string {
			if label, ok := labels[id]; ok {
				return "{" + label + "}"
			}
			if strings.HasPrefix(id, "Z") || strings.HasPrefix(id, "ami-") {
				return id // AWS's own zones, the catalogue's images
			}
			if strings.HasPrefix(id, "arn:") {
				return "{elb-arn?}"
			}
			return id[:strings.LastIndexByte(id, '-')] + "-?"
		})
		l = tfLBDNSPattern.ReplaceAllString(l, "LB-DNS")
		w := slices.DeleteFunc(strings.Fields(l), func(s string) bool { return strings.HasPrefix(s, "ip=") && !strings.HasPrefix(s, "ip=ipv") })
		for i, word := range w {
			// Lists were sorted by ID; sort them again by name.
			if k, v, ok := strings.Cut(word, "="); ok && tfListKeys[k] {
				w[i] = k + "=" + tfSorted(strings.Split(v, ","))
			}
		}
		out = append(out, strings.Join(w, " "))
	}
	slices.Sort(out)
	return out
}

// tfListKeys are the attributes whose values are lists of IDs.
var tfListKeys = map[string]bool{
	"subnets": true, "security-groups": true, "target-groups": true, "associations": true, "routes": true,
	"allocations": true, "vpcs": true, "actions": true, "attached": true, "roles": true,
}

var (
	tfIDPattern    = regexp.MustCompile(`arn:aws:elasticloadbalancing:[A-Za-z0-9:/._-]+|\b(?:vpc|subnet|rtb|rtbassoc|igw|nat|eipalloc|eipassoc|sg|sgr|acl|aclassoc|eni|dopt|key|lt|i|vol|ami)-[0-9a-f]{8,17}\b|\bZ[0-9A-Z]{8,32}\b`)
	tfLBDNSPattern = regexp.MustCompile(`(?:dualstack\.)?[a-z0-9-]+\.elb\.[a-z0-9-]+\.amazonaws\.com\.?`)
)
