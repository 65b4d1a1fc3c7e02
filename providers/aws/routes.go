package aws

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// Route tables.

func (t *routeTableTask) kind() string { return "RouteTable" }
func (t *routeTableTask) name() string { return t.Name }
func (t *routeTableTask) deps() []task { return []task{t.VPC} }
func (t *routeTableTask) fields() []field {
	return []field{fieldOf("Tags", t.Tags), fixed("VPC", t.VPC)}
}

func (t *routeTableTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.VPC.id == "" {
		return nil, nil
	}
	rt, err := t.describe(ctx, c)
	if rt == nil || err != nil {
		return nil, err
	}
	t.id = aws.ToString(rt.RouteTableId)
	return &routeTableTask{Name: t.Name, VPC: t.VPC, Tags: only(tagMap(rt.Tags), t.Tags), id: t.id}, nil
}

// describe reads the table: by ID once known, else by name.
func (t *routeTableTask) describe(ctx context.Context, c *Clients) (*ec2types.RouteTable, error) {
	in := &ec2.DescribeRouteTablesInput{Filters: append(byName(t.Name, t.Cluster), filter("vpc-id", t.VPC.id))}
	if t.id != "" {
		in = &ec2.DescribeRouteTablesInput{RouteTableIds: []string{t.id}}
	}
	out, err := c.EC2.DescribeRouteTables(ctx, in)
	if err != nil {
		return nil, err
	}
	return one(out.RouteTables, "route table", t.Name)
}

func (t *routeTableTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{
		VpcId: aws.String(t.VPC.id), TagSpecifications: tagSpec(ec2types.ResourceTypeRouteTable, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.RouteTable.RouteTableId)
	return nil
}

func (t *routeTableTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// Routes.

func (t *routeTask) kind() string { return "Route" }
func (t *routeTask) name() string { return t.Name }
func (t *routeTask) deps() []task {
	if t.NAT != nil {
		return []task{t.Table, t.NAT}
	}
	return []task{t.Table, t.IGW}
}

func (t *routeTask) fields() []field {
	f := []field{fixed("CIDR", t.CIDR), fixed("RouteTable", t.Table)}
	if t.NAT != nil {
		return append(f, fieldOf("NatGateway", t.NAT))
	}
	return append(f, fieldOf("InternetGateway", t.IGW))
}

func (t *routeTask) target() string {
	if t.NAT != nil {
		return t.NAT.id
	}
	return t.IGW.id
}

func (t *routeTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.Table.id == "" {
		return nil, nil
	}
	rt, err := t.Table.describe(ctx, c)
	if rt == nil || err != nil {
		return nil, err
	}
	for _, r := range rt.Routes {
		if aws.ToString(r.DestinationCidrBlock) != t.CIDR {
			continue
		}
		got := aws.ToString(r.GatewayId) + aws.ToString(r.NatGatewayId)
		if got == t.target() && r.State != ec2types.RouteStateBlackhole {
			return t, nil
		}
		// Another target, or a blackhole: shown as a change of target.
		other := &routeTask{Name: t.Name, Table: t.Table, CIDR: t.CIDR}
		label := got
		if r.State == ec2types.RouteStateBlackhole {
			label += " (blackhole)"
		}
		if t.NAT != nil {
			other.NAT = &natGatewayTask{Name: label}
		} else {
			other.IGW = &internetGatewayTask{Name: label}
		}
		return other, nil
	}
	return nil, nil
}

func (t *routeTask) create(ctx context.Context, c *Clients) error {
	if err := t.waitForNAT(ctx, c); err != nil {
		return err
	}
	in := &ec2.CreateRouteInput{RouteTableId: aws.String(t.Table.id), DestinationCidrBlock: aws.String(t.CIDR)}
	if t.NAT != nil {
		in.NatGatewayId = aws.String(t.NAT.id)
	} else {
		in.GatewayId = aws.String(t.IGW.id)
	}
	_, err := c.EC2.CreateRoute(ctx, in)
	return err
}

func (t *routeTask) update(ctx context.Context, c *Clients, _ task, _ []providers.Field) error {
	if err := t.waitForNAT(ctx, c); err != nil {
		return err
	}
	in := &ec2.ReplaceRouteInput{RouteTableId: aws.String(t.Table.id), DestinationCidrBlock: aws.String(t.CIDR)}
	if t.NAT != nil {
		in.NatGatewayId = aws.String(t.NAT.id)
	} else {
		in.GatewayId = aws.String(t.IGW.id)
	}
	_, err := c.EC2.ReplaceRoute(ctx, in)
	return err
}

// waitForNAT waits until the route's NAT gateway is available, as kOps
// does, so that machines in the private subnets have egress when they boot.
func (t *routeTask) waitForNAT(ctx context.Context, c *Clients) error {
	if t.NAT == nil {
		return nil
	}
	return c.waitUntil(ctx, func() (bool, error) {
		out, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{t.NAT.id}})
		if err != nil {
			return false, err
		}
		if len(out.NatGateways) == 0 {
			return false, fmt.Errorf("NAT gateway %s disappeared", t.NAT.id)
		}
		switch s := out.NatGateways[0].State; s {
		case ec2types.NatGatewayStateAvailable:
			return true, nil
		case ec2types.NatGatewayStatePending:
			return false, nil
		default:
			return false, fmt.Errorf("NAT gateway %s is %s: %s", t.NAT.id, s, aws.ToString(out.NatGateways[0].FailureMessage))
		}
	})
}

// Route table associations.

func (t *routeTableAssociationTask) kind() string { return "RouteTableAssociation" }
func (t *routeTableAssociationTask) name() string { return t.Name }
func (t *routeTableAssociationTask) deps() []task { return []task{t.Table, t.Subnet} }
func (t *routeTableAssociationTask) fields() []field {
	return []field{fieldOf("RouteTable", t.Table), fixed("Subnet", t.Subnet)}
}

func (t *routeTableAssociationTask) find(ctx context.Context, c *Clients) (task, error) {
	a, err := t.association(ctx, c)
	if a == nil || err != nil {
		return nil, err
	}
	if aws.ToString(a.RouteTableId) == t.Table.id {
		return t, nil
	}
	return &routeTableAssociationTask{Name: t.Name, Subnet: t.Subnet, Table: &routeTableTask{Name: aws.ToString(a.RouteTableId)}}, nil
}

// association is the subnet's explicit association, if any.
func (t *routeTableAssociationTask) association(ctx context.Context, c *Clients) (*ec2types.RouteTableAssociation, error) {
	if t.Subnet.id == "" {
		return nil, nil
	}
	out, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{
		Filters: []ec2types.Filter{filter("association.subnet-id", t.Subnet.id)},
	})
	if err != nil {
		return nil, err
	}
	for _, rt := range out.RouteTables {
		for _, a := range rt.Associations {
			if aws.ToString(a.SubnetId) == t.Subnet.id {
				return &a, nil
			}
		}
	}
	return nil, nil
}

func (t *routeTableAssociationTask) create(ctx context.Context, c *Clients) error {
	_, err := c.EC2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{
		RouteTableId: aws.String(t.Table.id), SubnetId: aws.String(t.Subnet.id),
	})
	return err
}

func (t *routeTableAssociationTask) update(ctx context.Context, c *Clients, _ task, _ []providers.Field) error {
	a, err := t.association(ctx, c)
	if err != nil {
		return err
	}
	if a == nil {
		return t.create(ctx, c)
	}
	_, err = c.EC2.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{
		AssociationId: a.RouteTableAssociationId, RouteTableId: aws.String(t.Table.id),
	})
	return err
}
