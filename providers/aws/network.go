package aws

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// updateTags is the update of a task whose only mutable field is Tags.
func updateTags(ctx context.Context, c *Clients, id string, tags map[string]string, changes []providers.Field) error {
	for _, ch := range changes {
		if ch.Name == "Tags" {
			return tagEC2(ctx, c, id, tags)
		}
	}
	return nil
}

// one returns the single element of found, nil when none, and an error
// naming what when there are several.
func one[T any](found []T, what, name string) (*T, error) {
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return &found[0], nil
	}
	return nil, fmt.Errorf("%d %ss are named %s and tagged as the cluster's; expected one", len(found), what, name)
}

// DHCP options.

func (t *dhcpOptionsTask) kind() string { return "DHCPOptions" }
func (t *dhcpOptionsTask) name() string { return t.Name }
func (t *dhcpOptionsTask) deps() []task { return nil }
func (t *dhcpOptionsTask) fields() []field {
	return []field{
		fixed("DomainName", t.DomainName),
		fixed("DomainNameServers", t.DomainNameServers),
		fieldOf("Tags", t.Tags),
	}
}

func (t *dhcpOptionsTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.EC2.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{Filters: byName(t.Name, t.Cluster)})
	if err != nil {
		return nil, err
	}
	d, err := one(out.DhcpOptions, "DHCP options set", t.Name)
	if d == nil || err != nil {
		return nil, err
	}
	t.id = aws.ToString(d.DhcpOptionsId)
	actual := &dhcpOptionsTask{Name: t.Name, Tags: only(tagMap(d.Tags), t.Tags), id: t.id}
	for _, cfg := range d.DhcpConfigurations {
		var vals []string
		for _, v := range cfg.Values {
			vals = append(vals, aws.ToString(v.Value))
		}
		switch aws.ToString(cfg.Key) {
		case "domain-name":
			if len(vals) > 0 {
				actual.DomainName = vals[0]
			}
		case "domain-name-servers":
			actual.DomainNameServers = vals
		}
	}
	return actual, nil
}

func (t *dhcpOptionsTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateDhcpOptions(ctx, &ec2.CreateDhcpOptionsInput{
		DhcpConfigurations: []ec2types.NewDhcpConfiguration{
			{Key: aws.String("domain-name"), Values: []string{t.DomainName}},
			{Key: aws.String("domain-name-servers"), Values: t.DomainNameServers},
		},
		TagSpecifications: tagSpec(ec2types.ResourceTypeDhcpOptions, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.DhcpOptions.DhcpOptionsId)
	return nil
}

func (t *dhcpOptionsTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// The VPC's DHCP options association.

func (t *vpcDHCPAssociationTask) kind() string { return "VPCDHCPOptionsAssociation" }
func (t *vpcDHCPAssociationTask) name() string { return t.Name }
func (t *vpcDHCPAssociationTask) deps() []task { return []task{t.VPC, t.DHCP} }
func (t *vpcDHCPAssociationTask) fields() []field {
	return []field{fieldOf("DHCPOptions", t.DHCP), fixed("VPC", t.VPC)}
}

func (t *vpcDHCPAssociationTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.VPC.id == "" {
		return nil, nil
	}
	out, err := c.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{t.VPC.id}})
	if err != nil || len(out.Vpcs) == 0 {
		return nil, err
	}
	if t.DHCP.id == "" || aws.ToString(out.Vpcs[0].DhcpOptionsId) != t.DHCP.id {
		// Associated with another set: shown as a change of DHCPOptions.
		return &vpcDHCPAssociationTask{Name: t.Name, VPC: t.VPC, DHCP: &dhcpOptionsTask{Name: aws.ToString(out.Vpcs[0].DhcpOptionsId)}}, nil
	}
	return t, nil
}

func (t *vpcDHCPAssociationTask) create(ctx context.Context, c *Clients) error {
	_, err := c.EC2.AssociateDhcpOptions(ctx, &ec2.AssociateDhcpOptionsInput{VpcId: aws.String(t.VPC.id), DhcpOptionsId: aws.String(t.DHCP.id)})
	return err
}

func (t *vpcDHCPAssociationTask) update(ctx context.Context, c *Clients, _ task, _ []providers.Field) error {
	return t.create(ctx, c)
}

// Internet gateway.

func (t *internetGatewayTask) kind() string { return "InternetGateway" }
func (t *internetGatewayTask) name() string { return t.Name }
func (t *internetGatewayTask) deps() []task { return []task{t.VPC} }
func (t *internetGatewayTask) fields() []field {
	if t.Shared {
		return []field{fieldOf("Shared", true), fixed("VPC", t.VPC)}
	}
	return []field{fieldOf("Tags", t.Tags), fieldOf("VPC", t.VPC)}
}

func (t *internetGatewayTask) find(ctx context.Context, c *Clients) (task, error) {
	filters := byName(t.Name, t.Cluster)
	if t.Shared {
		if t.VPC.id == "" {
			return nil, nil
		}
		filters = []ec2types.Filter{filter("attachment.vpc-id", t.VPC.id)}
	}
	out, err := c.EC2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{Filters: filters})
	if err != nil {
		return nil, err
	}
	g, err := one(out.InternetGateways, "internet gateway", t.Name)
	if err != nil {
		return nil, err
	}
	if g == nil {
		if t.Shared {
			return nil, fmt.Errorf("the shared VPC %s has no internet gateway; public and utility subnets need one", t.VPC.id)
		}
		return nil, nil
	}
	t.id = aws.ToString(g.InternetGatewayId)
	actual := &internetGatewayTask{Name: t.Name, Shared: t.Shared, Tags: only(tagMap(g.Tags), t.Tags), VPC: &vpcTask{Name: "(detached)"}}
	for _, a := range g.Attachments {
		if aws.ToString(a.VpcId) == t.VPC.id && t.VPC.id != "" {
			actual.VPC = t.VPC
		}
	}
	return actual, nil
}

func (t *internetGatewayTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: tagSpec(ec2types.ResourceTypeInternetGateway, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.InternetGateway.InternetGatewayId)
	return t.attach(ctx, c)
}

func (t *internetGatewayTask) attach(ctx context.Context, c *Clients) error {
	_, err := c.EC2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{
		InternetGatewayId: aws.String(t.id), VpcId: aws.String(t.VPC.id),
	})
	return err
}

func (t *internetGatewayTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	for _, ch := range changes {
		if ch.Name == "VPC" {
			if err := t.attach(ctx, c); err != nil {
				return err
			}
		}
	}
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// Subnets.

func (t *subnetTask) kind() string { return "Subnet" }
func (t *subnetTask) name() string { return t.Name }
func (t *subnetTask) deps() []task { return []task{t.VPC} }
func (t *subnetTask) fields() []field {
	if t.SharedID != "" {
		return []field{fixed("ID", t.SharedID), fieldOf("Shared", true)}
	}
	return []field{
		fixed("AvailabilityZone", t.Zone),
		fixed("CIDR", t.CIDR),
		fieldOf("Tags", t.Tags),
		fixed("VPC", t.VPC),
	}
}

func (t *subnetTask) find(ctx context.Context, c *Clients) (task, error) {
	in := &ec2.DescribeSubnetsInput{SubnetIds: []string{t.SharedID}}
	if t.SharedID == "" {
		if t.VPC.id == "" {
			return nil, nil
		}
		in = &ec2.DescribeSubnetsInput{Filters: append(byName(t.Name, t.Cluster), filter("vpc-id", t.VPC.id))}
	}
	out, err := c.EC2.DescribeSubnets(ctx, in)
	if err != nil {
		return nil, err
	}
	s, err := one(out.Subnets, "subnet", t.Name)
	if err != nil {
		return nil, err
	}
	if s == nil {
		if t.SharedID != "" {
			return nil, fmt.Errorf("shared subnet %s (spec.subnets[].id) not found", t.SharedID)
		}
		return nil, nil
	}
	t.id = aws.ToString(s.SubnetId)
	if t.SharedID != "" {
		return &subnetTask{Name: t.Name, SharedID: t.id}, nil
	}
	return &subnetTask{
		Name: t.Name, VPC: t.VPC, Zone: aws.ToString(s.AvailabilityZone), CIDR: aws.ToString(s.CidrBlock),
		Tags: only(tagMap(s.Tags), t.Tags), id: t.id,
	}, nil
}

func (t *subnetTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{
		VpcId: aws.String(t.VPC.id), CidrBlock: aws.String(t.CIDR), AvailabilityZone: aws.String(t.Zone),
		TagSpecifications: tagSpec(ec2types.ResourceTypeSubnet, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.Subnet.SubnetId)
	return nil
}

func (t *subnetTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// Elastic IPs.

func (t *elasticIPTask) kind() string { return "ElasticIP" }
func (t *elasticIPTask) name() string { return t.Name }
func (t *elasticIPTask) deps() []task { return nil }
func (t *elasticIPTask) fields() []field {
	return []field{fixed("Domain", "vpc"), fieldOf("Tags", t.Tags)}
}

func (t *elasticIPTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{Filters: byName(t.Name, t.Cluster)})
	if err != nil {
		return nil, err
	}
	a, err := one(out.Addresses, "elastic IP", t.Name)
	if a == nil || err != nil {
		return nil, err
	}
	t.id = aws.ToString(a.AllocationId)
	return &elasticIPTask{Name: t.Name, Tags: only(tagMap(a.Tags), t.Tags), id: t.id}, nil
}

func (t *elasticIPTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.AllocateAddress(ctx, &ec2.AllocateAddressInput{
		Domain: ec2types.DomainTypeVpc, TagSpecifications: tagSpec(ec2types.ResourceTypeElasticIp, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.AllocationId)
	return nil
}

func (t *elasticIPTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// NAT gateways.

func (t *natGatewayTask) kind() string { return "NatGateway" }
func (t *natGatewayTask) name() string { return t.Name }
func (t *natGatewayTask) deps() []task {
	if t.SharedID != "" {
		return nil
	}
	return []task{t.Subnet, t.EIP, t.IGW}
}

func (t *natGatewayTask) fields() []field {
	if t.SharedID != "" {
		return []field{fixed("ID", t.SharedID), fieldOf("Shared", true)}
	}
	return []field{fixed("ElasticIP", t.EIP), fixed("Subnet", t.Subnet), fieldOf("Tags", t.Tags)}
}

// liveNAT are the states of a NAT gateway that is or will be usable.
var liveNAT = []string{"pending", "available"}

func (t *natGatewayTask) find(ctx context.Context, c *Clients) (task, error) {
	in := &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{t.SharedID}}
	if t.SharedID == "" {
		in = &ec2.DescribeNatGatewaysInput{Filter: append(byName(t.Name, t.Cluster), filter("state", liveNAT...))}
	}
	out, err := c.EC2.DescribeNatGateways(ctx, in)
	if err != nil {
		return nil, err
	}
	g, err := one(out.NatGateways, "NAT gateway", t.Name)
	if err != nil {
		return nil, err
	}
	if g == nil {
		if t.SharedID != "" {
			return nil, fmt.Errorf("shared NAT gateway %s (spec.subnets[].egress) not found", t.SharedID)
		}
		return nil, nil
	}
	t.id = aws.ToString(g.NatGatewayId)
	if t.SharedID != "" {
		return &natGatewayTask{Name: t.Name, SharedID: t.id}, nil
	}
	actual := &natGatewayTask{Name: t.Name, Tags: only(tagMap(g.Tags), t.Tags), id: t.id, Subnet: t.Subnet, EIP: t.EIP}
	if aws.ToString(g.SubnetId) != t.Subnet.id {
		actual.Subnet = &subnetTask{Name: aws.ToString(g.SubnetId)}
	}
	var allocs []string
	for _, a := range g.NatGatewayAddresses {
		allocs = append(allocs, aws.ToString(a.AllocationId))
	}
	if !slices.Contains(allocs, t.EIP.id) {
		actual.EIP = &elasticIPTask{Name: fmt.Sprint(allocs)}
	}
	return actual, nil
}

func (t *natGatewayTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(t.Subnet.id), AllocationId: aws.String(t.EIP.id),
		TagSpecifications: tagSpec(ec2types.ResourceTypeNatgateway, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.NatGateway.NatGatewayId)
	return nil
}

func (t *natGatewayTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}
