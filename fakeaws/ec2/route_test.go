package ec2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func (h *harness) routeTable(t *testing.T, id string) types.RouteTable {
	t.Helper()
	out := must[*ec2.DescribeRouteTablesOutput](t)(h.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}}))
	if len(out.RouteTables) != 1 {
		t.Fatalf("route table %s: %d found", id, len(out.RouteTables))
	}
	return out.RouteTables[0]
}

func routeTo(rt types.RouteTable, dest string) *types.Route {
	for _, r := range rt.Routes {
		if aws.ToString(r.DestinationCidrBlock) == dest {
			return &r
		}
	}
	return nil
}

func TestRoutes(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID, subnetID, allocID := natSetup(t, h, true)
	igwID := aws.ToString(must[*ec2.DescribeInternetGatewaysOutput](t)(h.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{})).InternetGateways[0].InternetGatewayId)
	natID := aws.ToString(must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID),
	})).NatGateway.NatGatewayId)
	rt := must[*ec2.CreateRouteTableOutput](t)(h.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{
		VpcId: aws.String(vpcID), TagSpecifications: tagSpec(types.ResourceTypeRouteTable, "Name", "private"),
	})).RouteTable
	id := aws.ToString(rt.RouteTableId)
	if len(rt.Routes) != 1 || len(rt.Associations) != 0 || aws.ToString(rt.OwnerId) != account || tagMap(rt.Tags)["Name"] != "private" {
		t.Fatalf("CreateRouteTable = %+v", rt)
	}
	create := func(in *ec2.CreateRouteInput) error {
		in.RouteTableId = aws.String(id)
		_, err := h.ec2.CreateRoute(ctx, in)
		return err
	}
	if err := create(&ec2.CreateRouteInput{DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(natID)}); err != nil {
		t.Fatal(err)
	}
	if err := create(&ec2.CreateRouteInput{DestinationCidrBlock: aws.String("192.168.0.0/16"), GatewayId: aws.String(igwID)}); err != nil {
		t.Fatal(err)
	}
	got := h.routeTable(t, id)
	if r := routeTo(got, "0.0.0.0/0"); r == nil || aws.ToString(r.NatGatewayId) != natID || r.State != types.RouteStateActive || r.Origin != types.RouteOriginCreateRoute {
		t.Fatalf("default route = %+v", r)
	}

	for _, tc := range []struct {
		name string
		in   ec2.CreateRouteInput
		code string
		msg  string
	}{
		{"exists", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}, "RouteAlreadyExists", "The route identified by 0.0.0.0/0 already exists."},
		{"local exists", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.0.0.0/16"), NetworkInterfaceId: aws.String("eni-0123456789abcdef0")}, "RouteAlreadyExists", ""},
		{"no destination", ec2.CreateRouteInput{GatewayId: aws.String(igwID)}, "MissingParameter", "destinationCidrBlock"},
		{"no target", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/8")}, "MissingParameter", ""},
		{"two targets", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/8"), GatewayId: aws.String(igwID), NatGatewayId: aws.String(natID)}, "InvalidParameterCombination", ""},
		{"bad cidr", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/40"), GatewayId: aws.String(igwID)}, "InvalidParameterValue", ""},
		{"missing gateway", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/8"), GatewayId: aws.String("igw-0123456789abcdef0")}, "InvalidInternetGatewayID.NotFound", ""},
		{"missing nat", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/8"), NatGatewayId: aws.String("nat-0123456789abcdef0")}, "NatGatewayNotFound", ""},
		{"missing eni", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/8"), NetworkInterfaceId: aws.String("eni-0123456789abcdef0")}, "InvalidNetworkInterfaceID.NotFound", ""},
		{"missing instance", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("1.0.0.0/8"), InstanceId: aws.String("i-0123456789abcdef0")}, "InvalidInstanceID.NotFound", ""},
		{"inside the vpc", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.0.5.0/24"), GatewayId: aws.String(igwID)}, "InvalidParameterValue", "more specific"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			wantErr(t, create(&in), tc.code, tc.msg)
		})
	}
	// A gateway of another VPC.
	otherVpc := aws.ToString(h.createVpc(t, h.ec2, "10.9.0.0/16").VpcId)
	otherRT := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(h.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(otherVpc)})).RouteTable.RouteTableId)
	_, err := h.ec2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(otherRT), DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)})
	wantErr(t, err, "InvalidParameterValue", "belong to different networks")
	_, err = h.ec2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String("rtb-0123456789abcdef0"), DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)})
	wantErr(t, err, "InvalidRouteTableID.NotFound", "The routeTable ID 'rtb-0123456789abcdef0' does not exist")

	// ReplaceRoute and DeleteRoute.
	must[*ec2.ReplaceRouteOutput](t)(h.ec2.ReplaceRoute(ctx, &ec2.ReplaceRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)}))
	if r := routeTo(h.routeTable(t, id), "0.0.0.0/0"); aws.ToString(r.GatewayId) != igwID || r.NatGatewayId != nil {
		t.Fatalf("replaced route = %+v", r)
	}
	_, err = h.ec2.ReplaceRoute(ctx, &ec2.ReplaceRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("8.8.8.8/32"), GatewayId: aws.String(igwID)})
	wantErr(t, err, "InvalidParameterValue", "Use CreateRoute instead")
	_, err = h.ec2.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("8.8.8.8/32")})
	wantErr(t, err, "InvalidRoute.NotFound", "no route with destination-cidr-block 8.8.8.8/32 in route table "+id)
	_, err = h.ec2.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("10.0.0.0/16")})
	wantErr(t, err, "InvalidParameterValue", "cannot remove local route")
	must[*ec2.DeleteRouteOutput](t)(h.ec2.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("192.168.0.0/16")}))
	if r := routeTo(h.routeTable(t, id), "192.168.0.0/16"); r != nil {
		t.Fatal("deleted route is still there")
	}

	// A route whose target goes away turns into a blackhole.
	must[*ec2.CreateRouteOutput](t)(h.ec2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(id), DestinationCidrBlock: aws.String("100.64.0.0/10"), NatGatewayId: aws.String(natID)}))
	must[*ec2.DeleteNatGatewayOutput](t)(h.ec2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(natID)}))
	got = h.routeTable(t, id)
	if r := routeTo(got, "100.64.0.0/10"); r.State != types.RouteStateBlackhole {
		t.Fatalf("route to a deleted NAT gateway is %s", r.State)
	}
	if r := routeTo(got, "0.0.0.0/0"); r.State != types.RouteStateActive {
		t.Fatalf("route to the internet gateway is %s", r.State)
	}
	blackholes := must[*ec2.DescribeRouteTablesOutput](t)(h.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.state", "blackhole")}}))
	if len(blackholes.RouteTables) != 1 || aws.ToString(blackholes.RouteTables[0].RouteTableId) != id {
		t.Fatalf("route.state=blackhole = %+v", blackholes.RouteTables)
	}
	must[*ec2.DetachInternetGatewayOutput](t)(h.ec2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(igwID), VpcId: aws.String(vpcID)}))
	if r := routeTo(h.routeTable(t, id), "0.0.0.0/0"); r.State != types.RouteStateBlackhole {
		t.Fatalf("route to a detached internet gateway is %s", r.State)
	}
}

func TestRouteTableAssociations(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	subA := aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.1.0/24", "us-east-1a").SubnetId)
	subB := aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.2.0/24", "us-east-1b").SubnetId)
	newTable := func() string {
		return aws.ToString(must[*ec2.CreateRouteTableOutput](t)(h.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID)})).RouteTable.RouteTableId)
	}
	rtA, rtB := newTable(), newTable()
	assoc := must[*ec2.AssociateRouteTableOutput](t)(h.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rtA), SubnetId: aws.String(subA)}))
	if assoc.AssociationState.State != types.RouteTableAssociationStateCodeAssociated {
		t.Fatalf("AssociateRouteTable = %+v", assoc)
	}
	got := h.routeTable(t, rtA)
	if len(got.Associations) != 1 || aws.ToString(got.Associations[0].SubnetId) != subA || aws.ToBool(got.Associations[0].Main) ||
		aws.ToString(got.Associations[0].RouteTableAssociationId) != aws.ToString(assoc.AssociationId) {
		t.Fatalf("associations = %+v", got.Associations)
	}
	_, err := h.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rtB), SubnetId: aws.String(subA)})
	wantErr(t, err, "Resource.AlreadyAssociated", "")
	otherVpc := aws.ToString(h.createVpc(t, h.ec2, "10.1.0.0/16").VpcId)
	otherSub := aws.ToString(h.createSubnet(t, h.ec2, otherVpc, "10.1.1.0/24", "us-east-1a").SubnetId)
	_, err = h.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rtB), SubnetId: aws.String(otherSub)})
	wantErr(t, err, "InvalidParameterValue", "belong to different networks")

	// Filters on associations: main=false matches only tables with an
	// explicit association, as in EC2.
	ids := func(fs ...types.Filter) []string {
		out := must[*ec2.DescribeRouteTablesOutput](t)(h.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: append(fs, filter("vpc-id", vpcID))}))
		var s []string
		for _, rt := range out.RouteTables {
			s = append(s, aws.ToString(rt.RouteTableId))
		}
		return s
	}
	if got := ids(filter("association.subnet-id", subA)); !sameSet(got, []string{rtA}) {
		t.Fatalf("association.subnet-id = %v", got)
	}
	if got := ids(filter("association.main", "false")); !sameSet(got, []string{rtA}) {
		t.Fatalf("association.main=false = %v", got)
	}
	mainID := ids(filter("association.main", "true"))
	if len(mainID) != 1 {
		t.Fatalf("main tables = %v", mainID)
	}

	_, err = h.ec2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(rtA)})
	wantErr(t, err, "DependencyViolation", "The routeTable '"+rtA+"' has dependencies and cannot be deleted.")
	_, err = h.ec2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(mainID[0])})
	wantErr(t, err, "DependencyViolation", "")

	// ReplaceRouteTableAssociation moves a subnet, and the main association.
	moved := must[*ec2.ReplaceRouteTableAssociationOutput](t)(h.ec2.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{
		AssociationId: assoc.AssociationId, RouteTableId: aws.String(rtB),
	}))
	if got := ids(filter("association.subnet-id", subA)); !sameSet(got, []string{rtB}) || aws.ToString(moved.NewAssociationId) == aws.ToString(assoc.AssociationId) {
		t.Fatalf("after replace, subnet A is in %v (%+v)", got, moved)
	}
	mainAssoc := h.routeTable(t, mainID[0]).Associations[0]
	_, err = h.ec2.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: mainAssoc.RouteTableAssociationId})
	wantErr(t, err, "InvalidParameterValue", "main route table association")
	must[*ec2.ReplaceRouteTableAssociationOutput](t)(h.ec2.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{
		AssociationId: mainAssoc.RouteTableAssociationId, RouteTableId: aws.String(rtA),
	}))
	if got := ids(filter("association.main", "true")); !sameSet(got, []string{rtA}) {
		t.Fatalf("main table after replace = %v", got)
	}
	// The old main table is now an ordinary one and can go.
	must[*ec2.DeleteRouteTableOutput](t)(h.ec2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(mainID[0])}))

	must[*ec2.DisassociateRouteTableOutput](t)(h.ec2.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: moved.NewAssociationId}))
	_, err = h.ec2.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: moved.NewAssociationId})
	wantErr(t, err, "InvalidAssociationID.NotFound", "")
	// Deleting a subnet drops its association.
	must[*ec2.AssociateRouteTableOutput](t)(h.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rtB), SubnetId: aws.String(subB)}))
	must[*ec2.DeleteSubnetOutput](t)(h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(subB)}))
	if got := h.routeTable(t, rtB); len(got.Associations) != 0 {
		t.Fatalf("associations after subnet deletion = %+v", got.Associations)
	}
	must[*ec2.DeleteRouteTableOutput](t)(h.ec2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(rtB)}))
}
