package aws

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// ltImage names the Ubuntu 24.04 amd64 images, of which the newest is
// the one a launch template resolves.
const ltImage = "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"

// ltSecret stands for the secrets user data holds: no plan may show it.
const ltSecret = "s3cr3t-bootstrap-token"

// ltFixture is a launch template with the tasks it depends on: a VPC
// with two security groups, two instance profiles, two key pairs.
type ltFixture struct {
	vpc            *vpcTask
	sg, sg2        *securityGroupTask
	prof, prof2    *iamInstanceProfileTask
	key, key2      *sshKeyTask
	lt             *launchTemplateTask
	secret         string // in the user data
	mu             sync.Mutex
	renderedFor    []string // the endpoints user data was rendered for
	deps, allTasks []task
}

func newLTFixture(name string) *ltFixture {
	f := &ltFixture{secret: ltSecret}
	f.vpc = &vpcTask{Name: tkCluster, Cluster: tkCluster, CIDR: "172.20.0.0/16", DNSHostnames: true, DNSSupport: true, Tags: tkTags(tkCluster)}
	sg := func(n string) *securityGroupTask {
		return &securityGroupTask{Name: n, Cluster: tkCluster, VPC: f.vpc, Description: "Security group for " + n, Tags: tkTags(n)}
	}
	f.sg, f.sg2 = sg("nodes."+tkCluster), sg("extra."+tkCluster)
	prof := func(n string) *iamInstanceProfileTask {
		return &iamInstanceProfileTask{Name: n, Cluster: tkCluster, Tags: tkTags(n)}
	}
	f.prof, f.prof2 = prof("nodes."+tkCluster), prof("masters."+tkCluster)
	f.key = &sshKeyTask{Name: sshKeyTestName, Cluster: tkCluster, PublicKey: []byte(sshRSAKey), Tags: tkTags(sshKeyTestName)}
	f.key2 = &sshKeyTask{Name: "kubernetes." + tkCluster + "-ed25519", Cluster: tkCluster, PublicKey: []byte(sshED25519Key), Tags: tkTags("ed")}
	f.lt = &launchTemplateTask{
		Name: name, Cluster: tkCluster, Image: ltImage, InstanceType: "t3.medium",
		RootVolumeSize: 64, RootVolumeType: "gp3", RootVolumeEncrypted: true,
		SecurityGroups: []*securityGroupTask{f.sg}, InstanceProfile: f.prof, SSHKey: f.key,
		UserData: func(endpoint string) ([]byte, error) {
			f.mu.Lock() // templates render concurrently
			defer f.mu.Unlock()
			f.renderedFor = append(f.renderedFor, endpoint)
			return []byte("#!/bin/bash\nTOKEN=" + f.secret + "\nAPI=" + endpoint + "\n"), nil
		},
		APIEndpoint:  "api.internal." + tkCluster,
		Tags:         tkTags(name),
		InstanceTags: tkTags(name, TagInstanceGroup, "nodes-us-east-1a", TagRoleNode, "1"),
		retry:        profileRetry{interval: time.Millisecond},
	}
	f.deps = []task{f.vpc, f.sg, f.sg2, f.prof, f.prof2, f.key, f.key2}
	f.allTasks = append(slices.Clone(f.deps), f.lt)
	return f
}

// ltLatest is the data of the latest version of template id, and the
// template.
func ltLatest(t *testing.T, c *Clients, id string) (ec2types.LaunchTemplate, *ec2types.ResponseLaunchTemplateData) {
	t.Helper()
	ctx := context.Background()
	lts, err := c.EC2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{id}})
	if err != nil || len(lts.LaunchTemplates) != 1 {
		t.Fatalf("describe launch template %s: %v", id, err)
	}
	vs, err := c.EC2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{LaunchTemplateId: aws.String(id), Versions: []string{"$Latest"}})
	if err != nil || len(vs.LaunchTemplateVersions) != 1 {
		t.Fatalf("describe launch template versions %s: %v", id, err)
	}
	return lts.LaunchTemplates[0], vs.LaunchTemplateVersions[0].LaunchTemplateData
}

// ltImages are the images ltImage matches, oldest first.
func ltImages(t *testing.T, c *Clients) []ec2types.Image {
	t.Helper()
	out, err := c.EC2.DescribeImages(context.Background(), &ec2.DescribeImagesInput{
		Owners: []string{"099720109477"}, Filters: []ec2types.Filter{filter("name", strings.TrimPrefix(ltImage, "099720109477/"))},
	})
	if err != nil || len(out.Images) < 2 {
		t.Fatalf("images %s: %d, %v; the test needs two", ltImage, len(out.Images), err)
	}
	return slices.SortedFunc(slices.Values(out.Images), func(a, b ec2types.Image) int {
		return strings.Compare(aws.ToString(a.CreationDate), aws.ToString(b.CreationDate))
	})
}

// noSecret fails when a plan shows the user data's secret.
func noSecret(t *testing.T, changes []providers.Change) {
	t.Helper()
	for _, ch := range changes {
		for _, f := range ch.Fields {
			if strings.Contains(f.Old+f.New, ltSecret) || strings.Contains(f.Old+f.New, "TOKEN=") {
				t.Fatalf("the plan shows the user data: %s/%s %s", ch.Kind, ch.Name, f.Name)
			}
		}
	}
}

func TestLaunchTemplate(t *testing.T) {
	_, c := startFake(t)
	name := "nodes-us-east-1a." + tkCluster
	f := newLTFixture(name)
	images := ltImages(t, c)
	newest, oldest := images[len(images)-1], images[0]

	// Nothing exists: the template is planned with its dependencies.
	creates := tkCreates(t, c, f.allTasks, "VPC/"+tkCluster, "SecurityGroup/nodes."+tkCluster, "SecurityGroup/extra."+tkCluster,
		"IAMInstanceProfile/nodes."+tkCluster, "IAMInstanceProfile/masters."+tkCluster, "SSHKey/"+f.key.Name, "SSHKey/"+f.key2.Name,
		"LaunchTemplate/"+name)
	planned := creates["LaunchTemplate/"+name]
	ud := "#!/bin/bash\nTOKEN=" + ltSecret + "\nAPI=api.internal." + tkCluster + "\n"
	wantFields := map[string]string{
		"AssociatePublicIP": "false", "HTTPPutResponseHopLimit": "1", "HTTPTokens": "required",
		"IAMInstanceProfile": "nodes." + tkCluster, "ImageID": aws.ToString(newest.ImageId),
		"InstanceTags": render(f.lt.InstanceTags), "InstanceType": "t3.medium", "RootVolumeEncrypted": "true",
		"RootVolumeSize": "64", "RootVolumeType": "gp3", "SSHKey": f.key.Name, "SecurityGroups": "[nodes." + tkCluster + "]",
		"Tags": render(f.lt.Tags), "UserData": userDataDigestOf(ud),
	}
	for _, fl := range planned.Fields {
		if wantFields[fl.Name] != fl.New {
			t.Errorf("planned %s = %q, want %q", fl.Name, fl.New, wantFields[fl.Name])
		}
		delete(wantFields, fl.Name)
	}
	if len(wantFields) > 0 {
		t.Errorf("fields not planned: %v", wantFields)
	}
	noSecret(t, []providers.Change{planned})

	applyTasks(t, c, f.allTasks...)
	tpl, d := ltLatest(t, c, f.lt.id)
	if aws.ToString(tpl.LaunchTemplateName) != name || tagMap(tpl.Tags)[TagName] != name || f.lt.version != 1 {
		t.Errorf("template %+v, recorded version %d", tpl, f.lt.version)
	}
	if aws.ToString(d.ImageId) != aws.ToString(newest.ImageId) || d.InstanceType != "t3.medium" || aws.ToString(d.KeyName) != f.key.Name ||
		d.IamInstanceProfile == nil || aws.ToString(d.IamInstanceProfile.Name) != f.prof.Name {
		t.Errorf("data: image %s, type %s, key %s, profile %+v", aws.ToString(d.ImageId), d.InstanceType, aws.ToString(d.KeyName), d.IamInstanceProfile)
	}
	if len(d.BlockDeviceMappings) != 1 || aws.ToString(d.BlockDeviceMappings[0].DeviceName) != aws.ToString(newest.RootDeviceName) {
		t.Fatalf("block devices %+v, want the image's root device %s", d.BlockDeviceMappings, aws.ToString(newest.RootDeviceName))
	}
	if ebs := d.BlockDeviceMappings[0].Ebs; aws.ToInt32(ebs.VolumeSize) != 64 || ebs.VolumeType != "gp3" || !aws.ToBool(ebs.Encrypted) || !aws.ToBool(ebs.DeleteOnTermination) {
		t.Errorf("root volume %+v", ebs)
	}
	if !slices.Equal(d.SecurityGroupIds, []string{f.sg.id}) || len(d.NetworkInterfaces) != 0 {
		t.Errorf("security groups %v, network interfaces %+v", d.SecurityGroupIds, d.NetworkInterfaces)
	}
	if m := d.MetadataOptions; m == nil || m.HttpTokens != "required" || aws.ToInt32(m.HttpPutResponseHopLimit) != 1 {
		t.Errorf("metadata options %+v", m)
	}
	var tagged []string
	for _, ts := range d.TagSpecifications {
		if tagMap(ts.Tags)[TagInstanceGroup] == "nodes-us-east-1a" {
			tagged = append(tagged, string(ts.ResourceType))
		}
	}
	if slices.Sort(tagged); !slices.Equal(tagged, []string{"instance", "volume"}) {
		t.Errorf("instance tags on %v, want instance and volume", tagged)
	}
	if got, _ := base64.StdEncoding.DecodeString(aws.ToString(d.UserData)); string(got) != ud {
		t.Errorf("user data %q, want %q", got, ud)
	}
	tkNoChanges(t, c, f.allTasks...)

	digest := userDataDigestOf(ud)
	for _, tc := range []struct {
		change func()
		want   providers.Field
	}{
		{func() { f.lt.InstanceType = "m5.large" }, providers.Field{Name: "InstanceType", Old: "t3.medium", New: "m5.large"}},
		{func() { f.lt.RootVolumeSize = 128 }, providers.Field{Name: "RootVolumeSize", Old: "64", New: "128"}},
		{func() { f.lt.RootVolumeType = "gp2" }, providers.Field{Name: "RootVolumeType", Old: "gp3", New: "gp2"}},
		{func() { f.lt.RootVolumeEncrypted = false }, providers.Field{Name: "RootVolumeEncrypted", Old: "true", New: "false"}},
		{func() { f.lt.SecurityGroups = []*securityGroupTask{f.sg2, f.sg} }, providers.Field{Name: "SecurityGroups",
			Old: "[nodes." + tkCluster + "]", New: "[extra." + tkCluster + ", nodes." + tkCluster + "]"}},
		{func() { f.lt.InstanceProfile = f.prof2 }, providers.Field{Name: "IAMInstanceProfile", Old: f.prof.Name, New: f.prof2.Name}},
		{func() { f.lt.SSHKey = f.key2 }, providers.Field{Name: "SSHKey", Old: f.key.Name, New: f.key2.Name}},
		{func() { f.lt.SSHKey, f.lt.KeyName = nil, f.key.Name }, providers.Field{Name: "SSHKey", Old: f.key2.Name, New: f.key.Name}},
		{func() { f.lt.AssociatePublicIP = true }, providers.Field{Name: "AssociatePublicIP", Old: "false", New: "true"}},
		{func() { f.lt.Tags = tkTags(name, "team", "a") }, providers.Field{Name: "Tags", Old: render(tkTags(name)), New: render(tkTags(name, "team", "a"))}},
		{func() { f.lt.InstanceTags = tkTags(name, TagRoleNode, "1") }, providers.Field{Name: "InstanceTags", Old: render(f.lt.InstanceTags), New: render(tkTags(name, TagRoleNode, "1"))}},
		{func() { f.secret = "n3w-" + ltSecret }, providers.Field{Name: "UserData", Old: digest, New: userDataDigestOf(strings.Replace(ud, ltSecret, "n3w-"+ltSecret, 1))}},
		{func() { f.lt.Image = aws.ToString(oldest.ImageId) }, providers.Field{Name: "ImageID", Old: aws.ToString(newest.ImageId), New: aws.ToString(oldest.ImageId)}},
	} {
		t.Run(tc.want.Name, func(t *testing.T) {
			before := f.lt.version
			tc.change()
			noSecret(t, planTasks(t, c, f.allTasks...))
			tkWantChange(t, c, f.allTasks, "LaunchTemplate", name, tc.want)
			tpl, _ := ltLatest(t, c, f.lt.id)
			if tc.want.Name == "Tags" {
				if f.lt.version != before || aws.ToInt64(tpl.LatestVersionNumber) != before {
					t.Errorf("a change of tags made version %d", f.lt.version)
				}
				return
			}
			if f.lt.version != before+1 || aws.ToInt64(tpl.LatestVersionNumber) != f.lt.version || aws.ToInt64(tpl.DefaultVersionNumber) != f.lt.version {
				t.Errorf("recorded version %d (was %d); AWS: latest %d, default %d", f.lt.version, before,
					aws.ToInt64(tpl.LatestVersionNumber), aws.ToInt64(tpl.DefaultVersionNumber))
			}
		})
	}
	// With a public address, the groups are the network interface's.
	_, d = ltLatest(t, c, f.lt.id)
	if len(d.NetworkInterfaces) != 1 || !aws.ToBool(d.NetworkInterfaces[0].AssociatePublicIpAddress) ||
		!slices.Equal(slices.Sorted(slices.Values(d.NetworkInterfaces[0].Groups)), slices.Sorted(slices.Values([]string{f.sg.id, f.sg2.id}))) || len(d.SecurityGroupIds) != 0 {
		t.Errorf("network interfaces %+v, security groups %v", d.NetworkInterfaces, d.SecurityGroupIds)
	}

	// Metadata options changed on AWS are put back.
	if _, err := c.EC2.CreateLaunchTemplateVersion(context.Background(), &ec2.CreateLaunchTemplateVersionInput{
		LaunchTemplateId: aws.String(f.lt.id), SourceVersion: aws.String("$Latest"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{MetadataOptions: &ec2types.LaunchTemplateInstanceMetadataOptionsRequest{
			HttpTokens: "optional", HttpPutResponseHopLimit: aws.Int32(2),
		}},
	}); err != nil {
		t.Fatal(err)
	}
	tkWantChange(t, c, f.allTasks, "LaunchTemplate", name,
		providers.Field{Name: "HTTPPutResponseHopLimit", Old: "2", New: "1"}, providers.Field{Name: "HTTPTokens", Old: "optional", New: "required"})
}

func userDataDigestOf(s string) string {
	return (&launchTemplateTask{userData: []byte(s)}).userDataDigest()
}

func TestLaunchTemplateImage(t *testing.T) {
	_, c := startFake(t)
	images := ltImages(t, c)
	for _, tc := range []struct{ image, want, err string }{
		{ltImage, aws.ToString(images[len(images)-1].ImageId), ""},
		{"099720109477/" + aws.ToString(images[0].Name), aws.ToString(images[0].ImageId), ""},
		{aws.ToString(images[0].ImageId), aws.ToString(images[0].ImageId), ""},
		{"099720109477/ubuntu/images/no-such-image-*", "", "image 099720109477/ubuntu/images/no-such-image-* not found in us-east-1"},
		{"ami-0123456789abcdef0", "", "image ami-0123456789abcdef0 not found in us-east-1"},
		{"ubuntu-noble", "", "expected an AMI ID (ami-…) or OWNER/NAME"},
	} {
		lt := &launchTemplateTask{Name: "x." + tkCluster, Cluster: tkCluster, Image: tc.image}
		changes, err := run(context.Background(), c, []task{lt}, false, 1, nil)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "LaunchTemplate/x."+tkCluster) {
				t.Errorf("image %s: error %v, want %q", tc.image, err, tc.err)
			}
			continue
		}
		if err != nil || len(changes) != 1 || tkField(changes[0], "ImageID") != tc.want {
			t.Errorf("image %s: %+v, %v; want ImageID %s", tc.image, changes, err, tc.want)
		}
	}
}

// The API endpoint is the load balancer's DNS name: a dry run without the
// load balancer cannot render the user data; apply renders it once the
// load balancer exists.
func TestLaunchTemplateUserDataFromLB(t *testing.T) {
	_, c := startFake(t)
	name := "control-plane-us-east-1a.masters." + tkCluster
	f := newLTFixture(name)
	var subnets []*subnetTask
	for i, zone := range []string{"us-east-1a", "us-east-1b"} {
		n := zone + "." + tkCluster
		subnets = append(subnets, &subnetTask{Name: n, Cluster: tkCluster, VPC: f.vpc, Zone: zone, CIDR: fmt.Sprintf("172.20.%d.0/24", i+1), Tags: tkTags(n)})
	}
	lb := &nlbTask{Name: "api." + tkCluster, Cluster: tkCluster, AWSName: LoadBalancerName("api", tkCluster), Internal: true,
		Subnets: subnets, SecurityGroups: []*securityGroupTask{f.sg2}, Tags: tkTags("api." + tkCluster)}
	f.lt.APIEndpoint, f.lt.LB = "", lb
	tasks := append(slices.Clone(f.allTasks), subnets[0], subnets[1], lb)

	var planned providers.Change
	for _, ch := range planTasks(t, c, tasks...) {
		if ch.Kind == "LaunchTemplate" {
			planned = ch
		}
	}
	if got := tkField(planned, "UserData"); got != userDataPending {
		t.Errorf("planned UserData %q, want %q", got, userDataPending)
	}
	if len(f.renderedFor) != 0 {
		t.Errorf("user data rendered for %q in a dry run without the load balancer", f.renderedFor)
	}
	applyTasks(t, c, tasks...)
	if lb.dnsName == "" {
		t.Fatal("the load balancer has no DNS name")
	}
	_, d := ltLatest(t, c, f.lt.id)
	if got, _ := base64.StdEncoding.DecodeString(aws.ToString(d.UserData)); !strings.Contains(string(got), "API="+lb.dnsName+"\n") {
		t.Errorf("user data %q does not name the load balancer %s", got, lb.dnsName)
	}
	tkNoChanges(t, c, tasks...)
}

// EC2 may refuse a new instance profile for a while: creating the
// template waits for it, and fails at once on another error.
func TestLaunchTemplateProfileNotReady(t *testing.T) {
	srv, c := startFake(t)
	f := newLTFixture("nodes." + tkCluster)
	applyTasks(t, c, f.deps...)
	msg := "Value (nodes." + tkCluster + ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"
	slow := tkFaulty(t, srv, "CreateLaunchTemplate", 3, true, "InvalidParameterValue", msg)
	applyTasks(t, slow, f.allTasks...)
	if f.lt.id == "" {
		t.Fatal("no template id recorded")
	}
	tkNoChanges(t, c, f.allTasks...)

	g := newLTFixture("other." + tkCluster)
	applyTasks(t, c, g.deps...)
	broken := tkFaulty(t, srv, "CreateLaunchTemplate", 1, true, "InvalidParameterValue", "Invalid value for instance type")
	if _, err := run(context.Background(), broken, g.allTasks, true, 4, nil); err == nil || !strings.Contains(err.Error(), "Invalid value for instance type") {
		t.Errorf("apply through an EC2 error: %v", err)
	}
}
