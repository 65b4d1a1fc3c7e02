package catalog

import (
	"fmt"
	"strings"
)

// Instance group roles, as kops.k8s.io/v1alpha2 writes them.
const (
	roleMaster       = "Master"
	roleControlPlane = "ControlPlane"
	roleAPIServer    = "APIServer"
	roleNode         = "Node"
	roleBastion      = "Bastion"
)

// DefaultInstanceType picks the instance type of an instance group whose
// spec names none, as kOps does on AWS: the first of its role's candidates
// that region offers (t3.medium, c5.large, c4.large for control planes and
// nodes; t3.micro, t2.micro for bastions; the Graviton t4g types only for
// an arm64 image). arch is the architecture of the group's image, or ""
// when it has none yet.
func (s *Static) DefaultInstanceType(role, region, arch string) (string, error) {
	var candidates []string
	switch role {
	case roleMaster, roleControlPlane, roleAPIServer, roleNode:
		candidates = []string{"t3.medium", "c5.large", "c4.large", "t4g.medium"}
	case roleBastion:
		candidates = []string{"t3.micro", "t2.micro", "t4g.micro"}
	default:
		return "", fmt.Errorf("no default instance type for role %q", role)
	}
	for _, c := range candidates {
		if strings.HasPrefix(c, "t4g.") && arch != ARM64 {
			continue
		}
		if s.Offered(region, c) {
			return c, nil
		}
	}
	return "", fmt.Errorf("region %s offers none of the default instance types for role %s (%s); name one",
		region, role, strings.Join(candidates, ", "))
}
