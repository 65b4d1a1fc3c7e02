package aws

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// vpcTask is the cluster's VPC, or a shared one named by spec.networkID.
type vpcTask struct {
	Name, Cluster string
	CIDR          string
	DNSHostnames  bool
	DNSSupport    bool
	Tags          map[string]string
	Shared        bool // spec.networkID: found, never created or changed
	SharedID      string
	id            string
}

func (t *vpcTask) kind() string { return "VPC" }
func (t *vpcTask) name() string { return t.Name }
func (t *vpcTask) deps() []task { return nil }

func (t *vpcTask) fields() []field {
	if t.Shared {
		return []field{fixed("ID", t.SharedID), fieldOf("Shared", true)}
	}
	return []field{
		fixed("CIDR", t.CIDR),
		fieldOf("EnableDNSHostnames", t.DNSHostnames),
		fieldOf("EnableDNSSupport", t.DNSSupport),
		fieldOf("Tags", t.Tags),
	}
}

func (t *vpcTask) find(ctx context.Context, c *Clients) (task, error) {
	in := &ec2.DescribeVpcsInput{Filters: byName(t.Name, t.Cluster)}
	if t.Shared {
		in = &ec2.DescribeVpcsInput{VpcIds: []string{t.SharedID}}
	}
	out, err := c.EC2.DescribeVpcs(ctx, in)
	if err != nil {
		return nil, err
	}
	if len(out.Vpcs) == 0 {
		if t.Shared {
			return nil, fmt.Errorf("shared VPC %s (spec.networkID) not found", t.SharedID)
		}
		return nil, nil
	}
	if len(out.Vpcs) > 1 {
		return nil, fmt.Errorf("%d VPCs are tagged Name=%s, %s=%s; expected one", len(out.Vpcs), t.Name, TagCluster, t.Cluster)
	}
	v := out.Vpcs[0]
	t.id = aws.ToString(v.VpcId)
	if t.Shared {
		return &vpcTask{Name: t.Name, Shared: true, SharedID: t.id}, nil
	}
	actual := &vpcTask{Name: t.Name, CIDR: aws.ToString(v.CidrBlock), Tags: only(tagMap(v.Tags), t.Tags), id: t.id}
	for _, a := range []ec2types.VpcAttributeName{ec2types.VpcAttributeNameEnableDnsHostnames, ec2types.VpcAttributeNameEnableDnsSupport} {
		attr, err := c.EC2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: v.VpcId, Attribute: a})
		if err != nil {
			return nil, err
		}
		if a == ec2types.VpcAttributeNameEnableDnsHostnames {
			actual.DNSHostnames = attr.EnableDnsHostnames != nil && aws.ToBool(attr.EnableDnsHostnames.Value)
		} else {
			actual.DNSSupport = attr.EnableDnsSupport != nil && aws.ToBool(attr.EnableDnsSupport.Value)
		}
	}
	return actual, nil
}

func (t *vpcTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{
		CidrBlock:         aws.String(t.CIDR),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVpc, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.Vpc.VpcId)
	return t.setAttributes(ctx, c, true, true)
}

func (t *vpcTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	hostnames, support := false, false
	for _, ch := range changes {
		switch ch.Name {
		case "EnableDNSHostnames":
			hostnames = true
		case "EnableDNSSupport":
			support = true
		case "Tags":
			if err := tagEC2(ctx, c, t.id, t.Tags); err != nil {
				return err
			}
		}
	}
	return t.setAttributes(ctx, c, hostnames, support)
}

func (t *vpcTask) setAttributes(ctx context.Context, c *Clients, hostnames, support bool) error {
	// One attribute per call, as EC2 requires; support before hostnames,
	// which needs it.
	if support {
		if _, err := c.EC2.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{
			VpcId: aws.String(t.id), EnableDnsSupport: &ec2types.AttributeBooleanValue{Value: aws.Bool(t.DNSSupport)},
		}); err != nil {
			return err
		}
	}
	if hostnames {
		if _, err := c.EC2.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{
			VpcId: aws.String(t.id), EnableDnsHostnames: &ec2types.AttributeBooleanValue{Value: aws.Bool(t.DNSHostnames)},
		}); err != nil {
			return err
		}
	}
	return nil
}
