package ec2_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// DisassociateAddress keeps a NAT gateway's address with the gateway, and
// after the gateway is deleted answers its old association ID with
// InvalidAssociationID.NotFound, which Terraform's aws_eip ignores.
func TestDisassociateAddress(t *testing.T) {
	h := start(t, fakeec2.Config{NatGatewayDelay: 90 * time.Second})
	_, subnetID, allocID := natSetup(t, h, true)
	out := must[*ec2.CreateNatGatewayOutput](t)(h.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(subnetID), AllocationId: aws.String(allocID),
	}))
	natID := aws.ToString(out.NatGateway.NatGatewayId)
	h.clk.Step(90 * time.Second)
	addr := func() types.Address {
		t.Helper()
		got := must[*ec2.DescribeAddressesOutput](t)(h.ec2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{allocID}}))
		return got.Addresses[0]
	}
	assoc := aws.ToString(addr().AssociationId)
	if assoc == "" {
		t.Fatal("the NAT gateway's address has no association")
	}

	_, err := h.ec2.DisassociateAddress(ctx, &ec2.DisassociateAddressInput{AssociationId: aws.String(assoc)})
	wantErr(t, err, "InvalidIPAddress.InUse", "")
	if aws.ToString(addr().AssociationId) != assoc {
		t.Error("a refused disassociation changed the address")
	}
	_, err = h.ec2.DisassociateAddress(ctx, &ec2.DisassociateAddressInput{})
	wantErr(t, err, "MissingParameter", "")

	must[*ec2.DeleteNatGatewayOutput](t)(h.ec2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(natID)}))
	h.clk.Step(90 * time.Second)
	if a := addr(); a.AssociationId != nil || a.NetworkInterfaceId != nil {
		t.Fatalf("after the NAT gateway is deleted, the address is still associated: %+v", a)
	}
	_, err = h.ec2.DisassociateAddress(ctx, &ec2.DisassociateAddressInput{AssociationId: aws.String(assoc)})
	wantErr(t, err, "InvalidAssociationID.NotFound", "The association ID '"+assoc+"' does not exist")
	must[*ec2.ReleaseAddressOutput](t)(h.ec2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(allocID)}))
}
