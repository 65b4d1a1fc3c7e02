package aws

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// The types of Resource, as kOps' delete cluster prints them.
const (
	ResInstance           = "instance"
	ResAutoscalingGroup   = "autoscaling-group"
	ResLaunchTemplate     = "launch-template"
	ResLoadBalancer       = "load-balancer"
	ResTargetGroup        = "target-group"
	ResVolume             = "volume"
	ResSecurityGroup      = "security-group"
	ResSubnet             = "subnet"
	ResRouteTable         = "route-table"
	ResNatGateway         = "nat-gateway"
	ResElasticIP          = "elastic-ip"
	ResInternetGateway    = "internet-gateway"
	ResVPC                = "vpc"
	ResDHCPOptions        = "dhcp-options"
	ResKeypair            = "keypair"
	ResIAMRole            = "iam-role"
	ResIAMInstanceProfile = "iam-instance-profile"
	ResRoute53Record      = "route53-record"
	ResHostedZone         = "hosted-zone"
)

// Resource is one cloud resource of a cluster, as delete cluster lists it
// (TYPE NAME ID).
type Resource struct {
	// Type is one of the Res* constants.
	Type string
	// Name is the resource's Name tag, or its AWS name when it has none.
	Name string
	// ID identifies the resource to AWS: an ID (vpc-…), an ARN (load
	// balancers, target groups) or a name (groups, IAM, records:
	// ZONE/TYPE/NAME).
	ID string

	// group is an instance's Auto Scaling group, which terminates it.
	group string
	// zone and record are a route53-record's hosted zone ID and record
	// set as found; a DELETE must repeat its values.
	zone   string
	record *r53types.ResourceRecordSet
}

// String is TYPE:ID, as the progress lines name a resource.
func (r Resource) String() string { return r.Type + ":" + r.ID }

func (r Resource) key() string { return r.Type + "\x00" + r.ID }

// FindResources finds every resource of cluster by its tags
// (KubernetesCluster=NAME or kubernetes.io/cluster/NAME=owned; never one
// tagged kubernetes.io/cluster/NAME=shared), plus the IAM roles and
// instance profiles named masters.NAME, nodes.NAME and bastions.NAME that
// carry those tags, the private hosted zones tagged so, and the records
// kOps makes (api.NAME, api.internal.NAME, kops-controller.internal.NAME,
// bastion.NAME) in the hosted zones the cluster's name ends with. It only
// reads. The list is sorted by Type, Name and ID.
func FindResources(ctx context.Context, c *Clients, cluster string) ([]Resource, error) {
	finders := []struct {
		what string
		find func(context.Context, *Clients, string) ([]Resource, error)
	}{
		{"EC2 resources", findEC2},
		{"Auto Scaling groups", findAutoscalingGroups},
		{"load balancers", findELBv2},
		{"IAM roles", findIAM},
		{"Route53 records", findRoute53},
	}
	jobs := make([]func(context.Context) ([]Resource, error), len(finders))
	for i, f := range finders {
		jobs[i] = func(ctx context.Context) ([]Resource, error) {
			rs, err := f.find(ctx, c, cluster)
			if err != nil {
				return nil, fmt.Errorf("find %s of cluster %s: %w", f.what, cluster, err)
			}
			return rs, nil
		}
	}
	all, err := gather(ctx, jobs)
	if err != nil {
		return nil, err
	}
	return sortResources(all), nil
}

// sortResources drops the duplicates of rs (same Type and ID) and sorts
// the rest by Type, Name and ID.
func sortResources(rs []Resource) []Resource {
	seen := map[string]bool{}
	rs = slices.DeleteFunc(rs, func(r Resource) bool {
		dup := seen[r.key()]
		seen[r.key()] = true
		return dup
	})
	slices.SortFunc(rs, func(a, b Resource) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return rs
}

// ownedBy reports whether tags make a resource cluster's: the ownership
// tag says owned, or, without one, KubernetesCluster names the cluster
// (kOps' legacy tag). kubernetes.io/cluster/NAME=shared marks a resource
// the cluster uses but does not own.
func ownedBy(tags map[string]string, cluster string) bool {
	if v, ok := tags[TagOwnedPrefix+cluster]; ok {
		return v == TagOwned
	}
	return tags[TagCluster] == cluster
}

// nameOr is the Name tag, else name.
func nameOr(tags map[string]string, name string) string {
	if n := tags[TagName]; n != "" {
		return n
	}
	return name
}
