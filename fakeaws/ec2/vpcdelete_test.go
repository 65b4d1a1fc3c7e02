package ec2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// TestDeleteVpcDependencies checks that each kind of resource left in a
// VPC keeps it from being deleted, and that its removal lets it go.
func TestDeleteVpcDependencies(t *testing.T) {
	for _, tc := range []struct {
		name string
		// add leaves a dependency in the VPC and returns how to remove it.
		add func(t *testing.T, h *harness, vpcID string) func()
	}{
		{"subnet", func(t *testing.T, h *harness, vpcID string) func() {
			id := h.createSubnet(t, h.ec2, vpcID, "10.0.0.0/24", "").SubnetId
			return func() {
				must[*ec2.DeleteSubnetOutput](t)(h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: id}))
			}
		}},
		{"internet gateway", func(t *testing.T, h *harness, vpcID string) func() {
			id := must[*ec2.CreateInternetGatewayOutput](t)(h.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId
			must[*ec2.AttachInternetGatewayOutput](t)(h.ec2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}))
			return func() {
				must[*ec2.DetachInternetGatewayOutput](t)(h.ec2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: id, VpcId: aws.String(vpcID)}))
			}
		}},
		{"security group", func(t *testing.T, h *harness, vpcID string) func() {
			id := must[*ec2.CreateSecurityGroupOutput](t)(h.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
				GroupName: aws.String("web"), Description: aws.String("web"), VpcId: aws.String(vpcID),
			})).GroupId
			return func() {
				must[*ec2.DeleteSecurityGroupOutput](t)(h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: id}))
			}
		}},
		{"route table", func(t *testing.T, h *harness, vpcID string) func() {
			id := must[*ec2.CreateRouteTableOutput](t)(h.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID)})).RouteTable.RouteTableId
			return func() {
				must[*ec2.DeleteRouteTableOutput](t)(h.ec2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: id}))
			}
		}},
		{"NAT gateway", func(t *testing.T, h *harness, vpcID string) func() {
			sub := h.createSubnet(t, h.ec2, vpcID, "10.0.0.0/24", "").SubnetId
			id := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
				SubnetId: sub, ConnectivityType: types.ConnectivityTypePrivate,
			})).NatGateway.NatGatewayId
			return func() {
				must[*ec2.DeleteNatGatewayOutput](t)(h.ec2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: id}))
				// The deleted gateway no longer holds the subnet.
				must[*ec2.DeleteSubnetOutput](t)(h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: sub}))
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, fakeec2.Config{})
			v := h.createVpc(t, h.ec2, "10.0.0.0/16")
			id := aws.ToString(v.VpcId)
			remove := tc.add(t, h, id)
			_, err := h.ec2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: v.VpcId})
			wantErr(t, err, "DependencyViolation", "The vpc '"+id+"' has dependencies and cannot be deleted.")
			remove()
			must[*ec2.DeleteVpcOutput](t)(h.ec2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: v.VpcId}))
			_, err = h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
			wantErr(t, err, "InvalidVpcID.NotFound", "")
			// What came with the VPC went with it.
			vpcFilter := []types.Filter{filter("vpc-id", id)}
			if n := len(must[*ec2.DescribeRouteTablesOutput](t)(h.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: vpcFilter})).RouteTables); n != 0 {
				t.Fatalf("%d route tables left", n)
			}
			if n := len(must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: vpcFilter})).SecurityGroups); n != 0 {
				t.Fatalf("%d security groups left", n)
			}
			if n := len(must[*ec2.DescribeNetworkAclsOutput](t)(h.ec2.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{Filters: vpcFilter})).NetworkAcls); n != 0 {
				t.Fatalf("%d network ACLs left", n)
			}
			if n := len(must[*ec2.DescribeSecurityGroupRulesOutput](t)(h.ec2.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{})).SecurityGroupRules); n != 0 {
				t.Fatalf("%d security group rules left", n)
			}
		})
	}
	h := start(t, fakeec2.Config{})
	_, err := h.ec2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String("vpc-0123456789abcdef0")})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
}
