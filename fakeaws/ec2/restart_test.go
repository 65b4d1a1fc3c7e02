package ec2_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// TestRestartKeepsAddressesAndTimers restarts fakeaws on the same state:
// a subnet's allocated addresses stay allocated, a NAT gateway still
// pending becomes available when the clock passes its time, and freed
// addresses are handed out again.
func TestRestartKeepsAddressesAndTimers(t *testing.T) {
	dir := t.TempDir()
	cfg := fakeec2.Config{NatGatewayDelay: time.Minute}
	h := start(t, cfg, fakeaws.WithDataDir(dir))
	_, subnetID, allocID := natSetup(t, h, true)
	first := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID),
	})).NatGateway
	if ip := aws.ToString(first.NatGatewayAddresses[0].PrivateIp); ip != "10.0.1.4" {
		t.Fatalf("first NAT address %s", ip)
	}
	publicIP := aws.ToString(first.NatGatewayAddresses[0].PublicIp)
	h.srv.HTTP.Close()
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}

	// A new seed: the restarted server must not draw the same IDs again.
	h2 := start(t, cfg, fakeaws.WithDataDir(dir), fakeaws.WithSeed(2))
	h2.clk.SetTime(h.clk.Now())
	if got := h2.nat(t, aws.ToString(first.NatGatewayId)); got.State != types.NatGatewayStatePending {
		t.Fatalf("after restart the gateway is %s", got.State)
	}
	h2.clk.Step(time.Minute)
	if got := h2.nat(t, aws.ToString(first.NatGatewayId)); got.State != types.NatGatewayStateAvailable {
		t.Fatalf("after restart and a minute the gateway is %s", got.State)
	}
	alloc2 := must[*ec2.AllocateAddressOutput](t)(h2.ec2.AllocateAddress(ctx, &ec2.AllocateAddressInput{}))
	if aws.ToString(alloc2.PublicIp) == publicIP {
		t.Fatalf("public address %s handed out twice", publicIP)
	}
	second := must[*ec2.CreateNatGatewayOutput](t)(h2.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), ConnectivityType: types.ConnectivityTypePrivate,
	})).NatGateway
	if ip := aws.ToString(second.NatGatewayAddresses[0].PrivateIp); ip != "10.0.1.5" {
		t.Fatalf("second NAT address %s, want 10.0.1.5 (10.0.1.4 is taken)", ip)
	}
	// Freed, 10.0.1.4 is the lowest free address again.
	must[*ec2.DeleteNatGatewayOutput](t)(h2.ec2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: first.NatGatewayId}))
	h2.clk.Step(time.Minute)
	third := must[*ec2.CreateNatGatewayOutput](t)(h2.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), ConnectivityType: types.ConnectivityTypePrivate,
	})).NatGateway
	if ip := aws.ToString(third.NatGatewayAddresses[0].PrivateIp); ip != "10.0.1.4" {
		t.Fatalf("third NAT address %s, want the freed 10.0.1.4", ip)
	}
}

func TestNetworkInterfaces(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID, subnetID, allocID := natSetup(t, h, true)
	natID := aws.ToString(must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID),
	})).NatGateway.NatGatewayId)
	enis := func(fs ...types.Filter) []types.NetworkInterface {
		return must[*ec2.DescribeNetworkInterfacesOutput](t)(h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{Filters: fs})).NetworkInterfaces
	}
	for _, f := range []types.Filter{
		filter("vpc-id", vpcID), filter("subnet-id", subnetID), filter("interface-type", "nat_gateway"),
		filter("requester-managed", "true"), filter("status", "in-use"), filter("description", "Interface for NAT Gateway "+natID),
		filter("private-ip-address", "10.0.1.4"), filter("association.allocation-id", allocID), filter("availability-zone", "us-east-1a"),
	} {
		if got := enis(f); len(got) != 1 {
			t.Fatalf("filter %s = %d interfaces", aws.ToString(f.Name), len(got))
		}
	}
	if got := enis(filter("attachment.instance-id", "i-0123456789abcdef0")); len(got) != 0 {
		t.Fatalf("attachment filter = %d", len(got))
	}
	eni := enis()[0]
	if len(eni.PrivateIpAddresses) != 1 || !aws.ToBool(eni.PrivateIpAddresses[0].Primary) || aws.ToString(eni.MacAddress) == "" || aws.ToString(eni.OwnerId) != account {
		t.Fatalf("interface = %+v", eni)
	}
	_, err := h.ec2.DeleteNetworkInterface(ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String("eni-0123456789abcdef0")})
	wantErr(t, err, "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID 'eni-0123456789abcdef0' does not exist")
	_, err = h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{"eni-x"}})
	wantErr(t, err, "InvalidNetworkInterfaceId.Malformed", "")
}
