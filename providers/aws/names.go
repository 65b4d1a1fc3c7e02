package aws

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// The tags every resource of a cluster carries, as kOps sets them. Delete
// finds a cluster's resources by them and touches nothing without them.
const (
	// TagCluster is "KubernetesCluster": the cluster's name.
	TagCluster = "KubernetesCluster"
	// TagOwnedPrefix + NAME = "owned" marks a resource the cluster owns.
	TagOwnedPrefix = "kubernetes.io/cluster/"
	// TagOwned is the value of the ownership tag.
	TagOwned = "owned"
	// TagName is the resource's name.
	TagName = "Name"
	// TagInstanceGroup names the instance group of a launch template,
	// an ASG and their instances.
	TagInstanceGroup = "kops.k8s.io/instancegroup"
	// TagRoleControlPlane, TagRoleNode and TagRoleBastion (= "1") mark the
	// role of a launch template, an ASG and their instances.
	TagRoleControlPlane = "k8s.io/role/control-plane"
	TagRoleMaster       = "k8s.io/role/master" // kOps sets both for the control plane
	TagRoleNode         = "k8s.io/role/node"
	TagRoleBastion      = "k8s.io/role/bastion"
	// TagSubnetType is "Public", "Private" or "Utility" on subnets.
	TagSubnetType = "SubnetType"
	// TagELBRole and TagInternalELBRole (= "1") mark the subnets for
	// internet-facing and internal load balancers.
	TagELBRole         = "kubernetes.io/role/elb"
	TagInternalELBRole = "kubernetes.io/role/internal-elb"
	// TagKopsRole is "public" or "private-ZONE" on route tables.
	TagKopsRole = "kubernetes.io/kops/role"
	// TagEtcdPrefix + "main"|"events" = "MEMBER/MEMBER,MEMBER,..." on etcd volumes.
	TagEtcdPrefix = "k8s.io/etcd/"
)

// OwnershipTags returns the two tags every resource of cluster carries.
func OwnershipTags(cluster string) map[string]string {
	return map[string]string{TagCluster: cluster, TagOwnedPrefix + cluster: TagOwned}
}

// LoadBalancerName is the name of the API load balancer of cluster, as
// kOps makes it: "api-" + the cluster name with dots as dashes, and when
// longer than AWS's 32 characters, cut and ended with a hash of the whole.
func LoadBalancerName(prefix, cluster string) string {
	return awsName(prefix+"-"+strings.ReplaceAll(cluster, ".", "-"), 32)
}

// TargetGroupName is the name of a target group of cluster for a port:
// "tcp-" + the cluster name, shortened as LoadBalancerName.
func TargetGroupName(prefix, cluster string) string {
	return awsName(prefix+"-"+strings.ReplaceAll(cluster, ".", "-"), 32)
}

// awsName shortens s to max characters by keeping a prefix and ending it
// with "-" and 6 hex digits of s's SHA-256, so distinct long names stay
// distinct and the same name always shortens the same way.
func awsName(s string, max int) string {
	if len(s) <= max {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	h := hex.EncodeToString(sum[:])[:6]
	return strings.TrimRight(s[:max-len(h)-1], "-") + "-" + h
}
