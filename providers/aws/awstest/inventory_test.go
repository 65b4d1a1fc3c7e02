package awstest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	awsdriver "github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/providers/aws/awstest"
)

// TestInventory: what is made shows up, one sorted line each with its
// attributes, summaries and tags; what is deleted goes; and what another
// account holds is not listed.
func TestInventory(t *testing.T) {
	const otherKey, otherSecret = "AKIAOTHERACCOUNT0001", "otherSecretKey/0000000000000000000000000"
	srv := fakeawstest.Start(t, fakeaws.WithSpeed(0), fakeaws.WithManualSettle(),
		fakeaws.WithAccessKeys(fakeaws.AccessKey{ID: otherKey, Secret: otherSecret, Account: "210987654321"}))
	c := awsdriver.NewClients(srv.Config())
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	inventory := func() []string {
		t.Helper()
		inv, err := awstest.Inventory(ctx, c)
		must(err)
		if !slices.IsSorted(inv) {
			t.Errorf("inventory not sorted:\n%s", strings.Join(inv, "\n"))
		}
		return inv
	}
	// A new account holds only the region's default DHCP options set.
	empty := inventory()
	if len(empty) != 1 || !strings.HasPrefix(empty[0], "ec2 dhcp-options dopt-") {
		t.Fatalf("a new account's inventory:\n%s", strings.Join(empty, "\n"))
	}

	vpc, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: []ec2types.TagSpecification{{
		ResourceType: ec2types.ResourceTypeVpc, Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String("net")}}}}})
	must(err)
	vpcID := aws.ToString(vpc.Vpc.VpcId)
	sub, err := c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.0.1.0/24"), AvailabilityZone: aws.String("us-east-1b")})
	must(err)
	subID := aws.ToString(sub.Subnet.SubnetId)
	igw, err := c.EC2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	must(err)
	igwID := aws.ToString(igw.InternetGateway.InternetGatewayId)
	_, err = c.EC2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{VpcId: vpc.Vpc.VpcId, InternetGatewayId: aws.String(igwID)})
	must(err)
	rt, err := c.EC2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
	must(err)
	rtID := aws.ToString(rt.RouteTable.RouteTableId)
	_, err = c.EC2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(rtID), DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String(igwID)})
	must(err)
	assoc, err := c.EC2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rtID), SubnetId: aws.String(subID)})
	must(err)
	sg, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web"), VpcId: vpc.Vpc.VpcId})
	must(err)
	sgID := aws.ToString(sg.GroupId)
	_, err = c.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: []ec2types.IpPermission{
		{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
	must(err)
	_, err = c.IAM.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("app"), Tags: []iamtypes.Tag{{Key: aws.String("team"), Value: aws.String("x")}},
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
	must(err)
	_, err = c.IAM.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("app"), PolicyName: aws.String("read"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)})
	must(err)
	zone, err := c.Route53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("example.org"), CallerReference: aws.String("1")})
	must(err)
	zoneID := strings.TrimPrefix(aws.ToString(zone.HostedZone.Id), "/hostedzone/")
	_, err = c.Route53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zoneID), ChangeBatch: &r53types.ChangeBatch{
		Changes: []r53types.Change{{Action: r53types.ChangeActionCreate, ResourceRecordSet: &r53types.ResourceRecordSet{Name: aws.String("www.example.org"),
			Type: r53types.RRTypeA, TTL: aws.Int64(300), ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("192.0.2.7")}}}}}}})
	must(err)

	// Another account's resources are not this one's.
	other := awsdriver.NewClients(srv.ConfigFor(otherKey, otherSecret, ""))
	otherVPC, err := other.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)

	inv := inventory()
	want := []string{
		"ec2 vpc " + vpcID + " cidr=10.0.0.0/16 dhcp=" + aws.ToString(vpc.Vpc.DhcpOptionsId) + " Name=net",
		"ec2 subnet " + subID + " vpc=" + vpcID + " cidr=10.0.1.0/24 zone=us-east-1b",
		"ec2 internet-gateway " + igwID + " attached=" + vpcID,
		"ec2 route-table " + rtID + " vpc=" + vpcID + " routes=0.0.0.0/0>" + igwID + ",10.0.0.0/16>local associations=" + subID,
		"ec2 security-group " + sgID + " name=web vpc=" + vpcID + " rules=2",
		"ec2 dhcp-options " + aws.ToString(vpc.Vpc.DhcpOptionsId),
		"iam role app path=/ team=x",
		"iam role-policy app/read",
		"route53 hosted-zone " + zoneID + " name=example.org. private=false",
		"route53 record " + zoneID + "/www.example.org. A ttl=300 values=\"192.0.2.7\"",
	}
	for _, w := range want {
		if !slices.Contains(inv, w) {
			t.Errorf("inventory lacks %q; it has:\n%s", w, strings.Join(inv, "\n"))
		}
	}
	for _, l := range inv {
		if strings.Contains(l, aws.ToString(otherVPC.Vpc.VpcId)) {
			t.Errorf("inventory lists another account's VPC: %s", l)
		}
	}
	// The VPC brings its main route table, default group and ACL; the
	// zone its SOA and NS records.
	for _, prefix := range []string{"ec2 route-table ", "ec2 security-group ", "ec2 network-acl ", "route53 record " + zoneID + "/example.org. NS", "route53 record " + zoneID + "/example.org. SOA"} {
		n := 0
		for _, l := range inv {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no %q line in:\n%s", prefix, strings.Join(inv, "\n"))
		}
	}

	// Deleting what was made leaves the first inventory but for the
	// region's default DHCP options, which fakeaws makes with the first
	// VPC.
	_, err = c.EC2.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: assoc.AssociationId})
	must(err)
	_, err = c.EC2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(rtID)})
	must(err)
	_, err = c.EC2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{VpcId: vpc.Vpc.VpcId, InternetGatewayId: aws.String(igwID)})
	must(err)
	_, err = c.EC2.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(igwID)})
	must(err)
	_, err = c.EC2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: sg.GroupId})
	must(err)
	_, err = c.EC2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(subID)})
	must(err)
	_, err = c.EC2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: vpc.Vpc.VpcId})
	must(err)
	_, err = c.IAM.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("app"), PolicyName: aws.String("read")})
	must(err)
	_, err = c.IAM.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("app")})
	must(err)
	_, err = c.Route53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zoneID), ChangeBatch: &r53types.ChangeBatch{
		Changes: []r53types.Change{{Action: r53types.ChangeActionDelete, ResourceRecordSet: &r53types.ResourceRecordSet{Name: aws.String("www.example.org"),
			Type: r53types.RRTypeA, TTL: aws.Int64(300), ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("192.0.2.7")}}}}}}})
	must(err)
	_, err = c.Route53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(zoneID)})
	must(err)
	if got, want := inventory(), []string{"ec2 dhcp-options " + aws.ToString(vpc.Vpc.DhcpOptionsId)}; !slices.Equal(got, want) {
		t.Errorf("inventory after deleting everything:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
