package ec2_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func TestInternetGateways(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcA := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	vpcB := aws.ToString(h.createVpc(t, h.ec2, "10.1.0.0/16").VpcId)
	igw := must[*ec2.CreateInternetGatewayOutput](t)(h.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: tagSpec(types.ResourceTypeInternetGateway, "Name", "gw"),
	})).InternetGateway
	id := aws.ToString(igw.InternetGatewayId)
	if len(igw.Attachments) != 0 || aws.ToString(igw.OwnerId) != account || tagMap(igw.Tags)["Name"] != "gw" {
		t.Fatalf("CreateInternetGateway = %+v", igw)
	}
	attach := func(gw, vpc string) error {
		_, err := h.ec2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(gw), VpcId: aws.String(vpc)})
		return err
	}
	if err := attach(id, vpcA); err != nil {
		t.Fatal(err)
	}
	got := must[*ec2.DescribeInternetGatewaysOutput](t)(h.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{
		Filters: []types.Filter{filter("attachment.vpc-id", vpcA)},
	})).InternetGateways
	if len(got) != 1 || got[0].Attachments[0].State != types.AttachmentStatus("available") || aws.ToString(got[0].Attachments[0].VpcId) != vpcA {
		t.Fatalf("attached gateway = %+v", got)
	}
	wantErr(t, attach(id, vpcB), "Resource.AlreadyAssociated", "resource "+id+" is already attached to network "+vpcA)
	second := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(h.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId)
	wantErr(t, attach(second, vpcA), "Resource.AlreadyAssociated", "")
	wantErr(t, attach("igw-0123456789abcdef0", vpcA), "InvalidInternetGatewayID.NotFound", "The internetGateway ID 'igw-0123456789abcdef0' does not exist")
	wantErr(t, attach(second, "vpc-0123456789abcdef0"), "InvalidVpcID.NotFound", "")

	_, err := h.ec2.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(id)})
	wantErr(t, err, "DependencyViolation", "The internetGateway '"+id+"' has dependencies and cannot be deleted.")
	_, err = h.ec2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpcA)})
	wantErr(t, err, "DependencyViolation", "The vpc '"+vpcA+"' has dependencies and cannot be deleted.")
	_, err = h.ec2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(vpcB)})
	wantErr(t, err, "Gateway.NotAttached", "resource "+id+" is not attached to network "+vpcB)
	must[*ec2.DetachInternetGatewayOutput](t)(h.ec2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(vpcA)}))
	must[*ec2.DeleteInternetGatewayOutput](t)(h.ec2.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(id)}))
	_, err = h.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{id}})
	wantErr(t, err, "InvalidInternetGatewayID.NotFound", "")
	must[*ec2.DeleteVpcOutput](t)(h.ec2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpcA)}))
	detached := must[*ec2.DescribeInternetGatewaysOutput](t)(h.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{})).InternetGateways
	if len(detached) != 1 || len(detached[0].Attachments) != 0 {
		t.Fatalf("remaining gateways = %+v", detached)
	}
}

func TestElasticIPs(t *testing.T) {
	h := start(t, fakeec2.Config{})
	alloc := func(c *ec2.Client) *ec2.AllocateAddressOutput {
		return must[*ec2.AllocateAddressOutput](t)(c.AllocateAddress(ctx, &ec2.AllocateAddressInput{
			Domain: types.DomainTypeVpc, TagSpecifications: tagSpec(types.ResourceTypeElasticIp, "Name", "nat"),
		}))
	}
	a := alloc(h.ec2)
	b := alloc(h.ec2)
	c := alloc(h.other())
	doc := netip.MustParsePrefix("203.0.113.0/24")
	seen := map[string]bool{}
	for _, x := range []*ec2.AllocateAddressOutput{a, b, c} {
		ip := netip.MustParseAddr(aws.ToString(x.PublicIp))
		if !doc.Contains(ip) || seen[ip.String()] || x.Domain != types.DomainTypeVpc || aws.ToString(x.NetworkBorderGroup) != "us-east-1" {
			t.Fatalf("AllocateAddress = %+v", x)
		}
		seen[ip.String()] = true
	}
	out := must[*ec2.DescribeAddressesOutput](t)(h.ec2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{}))
	if len(out.Addresses) != 2 || tagMap(out.Addresses[0].Tags)["Name"] != "nat" {
		t.Fatalf("DescribeAddresses = %+v", out.Addresses)
	}
	byIP := must[*ec2.DescribeAddressesOutput](t)(h.ec2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{PublicIps: []string{aws.ToString(b.PublicIp)}}))
	if len(byIP.Addresses) != 1 || aws.ToString(byIP.Addresses[0].AllocationId) != aws.ToString(b.AllocationId) {
		t.Fatalf("by public IP = %+v", byIP.Addresses)
	}
	_, err := h.ec2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{PublicIps: []string{aws.ToString(c.PublicIp)}})
	wantErr(t, err, "InvalidAddress.NotFound", "")
	_, err = h.ec2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{"eipalloc-0123456789abcdef0"}})
	wantErr(t, err, "InvalidAllocationID.NotFound", "The allocation ID 'eipalloc-0123456789abcdef0' does not exist")

	must[*ec2.ReleaseAddressOutput](t)(h.ec2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: a.AllocationId}))
	_, err = h.ec2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: a.AllocationId})
	wantErr(t, err, "InvalidAllocationID.NotFound", "")
	// A released address is not handed out again at once.
	d := alloc(h.ec2)
	if aws.ToString(d.PublicIp) == aws.ToString(a.PublicIp) {
		t.Fatalf("released address %s reused at once", aws.ToString(a.PublicIp))
	}
	for i := 0; i < 3; i++ {
		alloc(h.ec2)
	}
	_, err = h.ec2.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	wantErr(t, err, "AddressLimitExceeded", "")
}

// natSetup makes a VPC with an internet gateway (when igw), a subnet and
// an Elastic IP.
func natSetup(t *testing.T, h *harness, igw bool) (vpcID, subnetID, allocID string) {
	t.Helper()
	vpcID = aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	subnetID = aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.1.0/24", "us-east-1a").SubnetId)
	if igw {
		gw := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(h.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId)
		must[*ec2.AttachInternetGatewayOutput](t)(h.ec2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(gw), VpcId: aws.String(vpcID)}))
	}
	allocID = aws.ToString(must[*ec2.AllocateAddressOutput](t)(h.ec2.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})).AllocationId)
	return vpcID, subnetID, allocID
}

func (h *harness) nat(t *testing.T, id string) types.NatGateway {
	t.Helper()
	out := must[*ec2.DescribeNatGatewaysOutput](t)(h.ec2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}}))
	if len(out.NatGateways) != 1 {
		t.Fatalf("DescribeNatGateways %s = %d gateways", id, len(out.NatGateways))
	}
	return out.NatGateways[0]
}

func TestNatGatewayLifecycle(t *testing.T) {
	h := start(t, fakeec2.Config{NatGatewayDelay: 90 * time.Second})
	vpcID, subnetID, allocID := natSetup(t, h, true)
	out := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID),
		TagSpecifications: tagSpec(types.ResourceTypeNatgateway, "Name", "nat-a"),
	}))
	n := out.NatGateway
	id := aws.ToString(n.NatGatewayId)
	if n.State != types.NatGatewayStatePending || aws.ToString(n.VpcId) != vpcID || n.ConnectivityType != types.ConnectivityTypePublic ||
		len(n.NatGatewayAddresses) != 1 || aws.ToString(n.NatGatewayAddresses[0].PrivateIp) != "10.0.1.4" ||
		aws.ToString(n.NatGatewayAddresses[0].AllocationId) != allocID || !aws.ToTime(n.CreateTime).Equal(epoch) {
		t.Fatalf("CreateNatGateway = %+v", n)
	}
	eniID := aws.ToString(n.NatGatewayAddresses[0].NetworkInterfaceId)

	h.clk.Step(89 * time.Second)
	if got := h.nat(t, id).State; got != types.NatGatewayStatePending {
		t.Fatalf("at 89s the gateway is %s", got)
	}
	h.clk.Step(time.Second)
	if got := h.nat(t, id).State; got != types.NatGatewayStateAvailable {
		t.Fatalf("at 90s the gateway is %s", got)
	}
	// The gateway holds the Elastic IP, an address of the subnet and a
	// requester-managed interface.
	addr := must[*ec2.DescribeAddressesOutput](t)(h.ec2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{allocID}})).Addresses[0]
	if aws.ToString(addr.NetworkInterfaceId) != eniID || aws.ToString(addr.PrivateIpAddress) != "10.0.1.4" || addr.AssociationId == nil {
		t.Fatalf("Elastic IP = %+v", addr)
	}
	eni := must[*ec2.DescribeNetworkInterfacesOutput](t)(h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eniID}})).NetworkInterfaces[0]
	// EC2 answers nat_gateway, as its filter documentation says, where the
	// SDK's enum has natGateway.
	if eni.InterfaceType != "nat_gateway" || !aws.ToBool(eni.RequesterManaged) || eni.Status != types.NetworkInterfaceStatusInUse ||
		aws.ToString(eni.Description) != "Interface for NAT Gateway "+id || aws.ToString(eni.Association.PublicIp) != aws.ToString(addr.PublicIp) ||
		aws.ToString(eni.PrivateDnsName) != "ip-10-0-1-4.ec2.internal" {
		t.Fatalf("NAT interface = %+v", eni)
	}
	sub := must[*ec2.DescribeSubnetsOutput](t)(h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{subnetID}})).Subnets[0]
	if aws.ToInt32(sub.AvailableIpAddressCount) != 250 {
		t.Fatalf("subnet has %d addresses left, want 250", aws.ToInt32(sub.AvailableIpAddressCount))
	}
	for _, f := range []types.Filter{filter("state", "available"), filter("vpc-id", vpcID), filter("subnet-id", subnetID), filter("tag:Name", "nat-*")} {
		if got := must[*ec2.DescribeNatGatewaysOutput](t)(h.ec2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: []types.Filter{f}})); len(got.NatGateways) != 1 {
			t.Fatalf("filter %s = %d gateways", aws.ToString(f.Name), len(got.NatGateways))
		}
	}

	// What the gateway holds cannot go.
	_, err := h.ec2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(allocID)})
	wantErr(t, err, "InvalidIPAddress.InUse", "")
	_, err = h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(subnetID)})
	wantErr(t, err, "DependencyViolation", "The subnet '"+subnetID+"' has dependencies and cannot be deleted.")
	_, err = h.ec2.DeleteNetworkInterface(ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String(eniID)})
	wantErr(t, err, "InvalidNetworkInterface.InUse", "")
	_, err = h.ec2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpcID)})
	wantErr(t, err, "DependencyViolation", "")
	gws := must[*ec2.DescribeInternetGatewaysOutput](t)(h.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{})).InternetGateways
	_, err = h.ec2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: gws[0].InternetGatewayId, VpcId: aws.String(vpcID)})
	wantErr(t, err, "DependencyViolation", "mapped public address")

	del := must[*ec2.DeleteNatGatewayOutput](t)(h.ec2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(id)}))
	if aws.ToString(del.NatGatewayId) != id {
		t.Fatalf("DeleteNatGateway = %+v", del)
	}
	if got := h.nat(t, id); got.State != types.NatGatewayStateDeleting || !aws.ToTime(got.DeleteTime).Equal(epoch.Add(90*time.Second)) {
		t.Fatalf("after delete: %+v", got)
	}
	h.clk.Step(90 * time.Second)
	if got := h.nat(t, id).State; got != types.NatGatewayStateDeleted {
		t.Fatalf("after the delay the gateway is %s", got)
	}
	_, err = h.ec2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(id)})
	wantErr(t, err, "NatGatewayNotFound", "")
	// Deleted: the address, the interface and the subnet's address are free.
	must[*ec2.ReleaseAddressOutput](t)(h.ec2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(allocID)}))
	_, err = h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eniID}})
	wantErr(t, err, "InvalidNetworkInterfaceID.NotFound", "")
	h.clk.Step(59 * time.Minute)
	h.nat(t, id)
	h.clk.Step(time.Minute)
	_, err = h.ec2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})
	wantErr(t, err, "NatGatewayNotFound", "")
	must[*ec2.DeleteSubnetOutput](t)(h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(subnetID)}))
}

func TestNatGatewayFailsWithoutInternetGateway(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID, subnetID, allocID := natSetup(t, h, false)
	id := aws.ToString(must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID),
	})).NatGateway.NatGatewayId)
	n := h.nat(t, id)
	if n.State != types.NatGatewayStateFailed || aws.ToString(n.FailureCode) != "Gateway.NotAttached" ||
		aws.ToString(n.FailureMessage) != "Network "+vpcID+" has no Internet gateway attached" {
		t.Fatalf("NAT without internet gateway = %+v", n)
	}
	// A failed gateway lets go of its address at once.
	must[*ec2.ReleaseAddressOutput](t)(h.ec2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(allocID)}))
	// A private gateway needs no internet gateway nor Elastic IP.
	priv := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), ConnectivityType: types.ConnectivityTypePrivate, PrivateIpAddress: aws.String("10.0.1.100"),
	})).NatGateway
	if got := h.nat(t, aws.ToString(priv.NatGatewayId)); got.State != types.NatGatewayStateAvailable || aws.ToString(got.NatGatewayAddresses[0].PrivateIp) != "10.0.1.100" {
		t.Fatalf("private NAT = %+v", got)
	}
}

func TestNatGatewayErrors(t *testing.T) {
	h := start(t, fakeec2.Config{})
	_, subnetID, allocID := natSetup(t, h, true)
	create := func(in *ec2.CreateNatGatewayInput) error {
		_, err := h.ec2.CreateNatGateway(ctx, in)
		return err
	}
	wantErr(t, create(&ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID)}), "MissingParameter", "AllocationId")
	wantErr(t, create(&ec2.CreateNatGatewayInput{SubnetId: aws.String("subnet-0123456789abcdef0"), AllocationId: aws.String(allocID)}), "InvalidSubnetID.NotFound", "")
	wantErr(t, create(&ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String("eipalloc-0123456789abcdef0")}), "InvalidAllocationID.NotFound", "")
	wantErr(t, create(&ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), PrivateIpAddress: aws.String("10.0.1.2")}), "InvalidParameterValue", "reserved")
	wantErr(t, create(&ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), PrivateIpAddress: aws.String("10.0.2.9")}), "InvalidParameterValue", "")
	token := aws.String("token-1")
	first := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), ClientToken: token}))
	again := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID), ClientToken: token}))
	if aws.ToString(first.NatGateway.NatGatewayId) != aws.ToString(again.NatGateway.NatGatewayId) {
		t.Fatal("the same ClientToken made a second gateway")
	}
	wantErr(t, create(&ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID)}), "Resource.AlreadyAssociated", "")
	_, err := h.ec2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{"nat-0123456789abcdef0"}})
	wantErr(t, err, "NatGatewayNotFound", "")
	_, err = h.ec2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{"nat-x"}})
	wantErr(t, err, "NatGatewayMalformed", "")
}
