package aws

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// The launch template's instance metadata options: kOps' IMDSv2 defaults.
const (
	ltHTTPTokens = "required"
	ltHopLimit   = 1
)

// userDataPending is how the plan shows user data that cannot be rendered
// yet: it needs the API load balancer's DNS name, and the load balancer is
// still to be created. Apply creates the load balancer before it finds
// the template, so it always renders the real user data; a dry run shows
// the template's user data as a change to this when the template exists
// and its load balancer does not (was deleted), which apply may then find
// unchanged.
const userDataPending = "(rendered at apply)"

func (t *launchTemplateTask) kind() string { return "LaunchTemplate" }
func (t *launchTemplateTask) name() string { return t.Name }

func (t *launchTemplateTask) deps() []task {
	var deps []task
	for _, sg := range t.SecurityGroups {
		deps = append(deps, sg)
	}
	if t.InstanceProfile != nil {
		deps = append(deps, t.InstanceProfile)
	}
	if t.SSHKey != nil {
		deps = append(deps, t.SSHKey)
	}
	if t.APIEndpoint == "" && t.LB != nil {
		deps = append(deps, t.LB)
	}
	return deps
}

// fields never show the user data, which holds the cluster's secrets:
// only a digest and its size.
func (t *launchTemplateTask) fields() []field {
	image := t.imageID
	if image == "" {
		image = t.Image
	}
	tokens, hop := ltHTTPTokens, int32(ltHopLimit)
	if t.observed {
		tokens, hop = t.httpTokens, t.hopLimit
	}
	profile := ""
	if t.InstanceProfile != nil {
		profile = t.InstanceProfile.Name
	}
	return []field{
		fieldOf("AssociatePublicIP", t.AssociatePublicIP),
		fieldOf("HTTPPutResponseHopLimit", hop),
		fieldOf("HTTPTokens", tokens),
		fieldOf("IAMInstanceProfile", profile),
		fieldOf("ImageID", image),
		fieldOf("InstanceTags", t.InstanceTags),
		fieldOf("InstanceType", t.InstanceType),
		fieldOf("RootVolumeEncrypted", t.RootVolumeEncrypted),
		fieldOf("RootVolumeSize", t.RootVolumeSize),
		fieldOf("RootVolumeType", t.RootVolumeType),
		fieldOf("SSHKey", t.keyName()),
		fieldOf("SecurityGroups", sortedNames(t.SecurityGroups)),
		fieldOf("Tags", t.Tags),
		fieldOf("UserData", t.userDataDigest()),
	}
}

func (t *launchTemplateTask) keyName() string {
	if t.SSHKey != nil {
		return t.SSHKey.Name
	}
	return t.KeyName
}

func (t *launchTemplateTask) userDataDigest() string {
	if t.userDataPending {
		return userDataPending
	}
	if len(t.userData) == 0 {
		return ""
	}
	sum := sha256.Sum256(t.userData)
	return fmt.Sprintf("sha256:%s (%d bytes)", hex.EncodeToString(sum[:])[:16], len(t.userData))
}

// endpoint is the API endpoint the user data names: APIEndpoint, else
// the load balancer's DNS name, "" while the load balancer does not exist.
func (t *launchTemplateTask) endpoint() string {
	if t.APIEndpoint == "" && t.LB != nil {
		return t.LB.dnsName
	}
	return t.APIEndpoint
}

// render resolves the image and renders the user data into t.
func (t *launchTemplateTask) render(ctx context.Context, c *Clients) error {
	img, err := resolveImage(ctx, c, t.Image)
	if err != nil {
		return err
	}
	t.imageID, t.rootDevice = aws.ToString(img.ImageId), aws.ToString(img.RootDeviceName)
	t.userData, t.userDataPending = nil, false
	if t.UserData == nil {
		return nil
	}
	endpoint := t.endpoint()
	if endpoint == "" {
		t.userDataPending = true
		return nil
	}
	if t.userData, err = t.UserData(endpoint); err != nil {
		return fmt.Errorf("render user data: %w", err)
	}
	return nil
}

// find reads the template and its latest version.
func (t *launchTemplateTask) find(ctx context.Context, c *Clients) (task, error) {
	if err := t.render(ctx, c); err != nil {
		return nil, err
	}
	out, err := c.EC2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateNames: []string{t.Name}})
	if isCode(err, "InvalidLaunchTemplateName.NotFoundException") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	lt, err := one(out.LaunchTemplates, "launch template", t.Name)
	if lt == nil || err != nil {
		return nil, err
	}
	t.id, t.version = aws.ToString(lt.LaunchTemplateId), aws.ToInt64(lt.LatestVersionNumber)
	vs, err := c.EC2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
		LaunchTemplateId: lt.LaunchTemplateId, Versions: []string{"$Latest"},
	})
	if err != nil {
		return nil, err
	}
	if len(vs.LaunchTemplateVersions) != 1 || vs.LaunchTemplateVersions[0].LaunchTemplateData == nil {
		return nil, fmt.Errorf("launch template %s (%s): no data for its latest version", t.Name, t.id)
	}
	actual, err := t.decode(vs.LaunchTemplateVersions[0].LaunchTemplateData)
	if err != nil {
		return nil, err
	}
	actual.Tags = only(tagMap(lt.Tags), t.Tags)
	return actual, nil
}

// decode turns a version's data into the task it is, with security groups
// by the names of t's where their IDs match.
func (t *launchTemplateTask) decode(d *ec2types.ResponseLaunchTemplateData) (*launchTemplateTask, error) {
	a := &launchTemplateTask{
		Name: t.Name, Cluster: t.Cluster, Image: aws.ToString(d.ImageId), imageID: aws.ToString(d.ImageId),
		InstanceType: string(d.InstanceType), KeyName: aws.ToString(d.KeyName), id: t.id, version: t.version, observed: true,
	}
	if p := d.IamInstanceProfile; p != nil {
		name := aws.ToString(p.Name)
		if name == "" {
			arn := aws.ToString(p.Arn)
			name = arn[strings.LastIndex(arn, "/")+1:]
		}
		a.InstanceProfile = &iamInstanceProfileTask{Name: name}
	}
	if m := d.MetadataOptions; m != nil {
		a.httpTokens, a.hopLimit = string(m.HttpTokens), aws.ToInt32(m.HttpPutResponseHopLimit)
	}
	var root *ec2types.LaunchTemplateEbsBlockDevice
	for _, b := range d.BlockDeviceMappings {
		if b.Ebs != nil && (root == nil || aws.ToString(b.DeviceName) == t.rootDevice) {
			root = b.Ebs
		}
	}
	if root != nil {
		a.RootVolumeSize, a.RootVolumeType, a.RootVolumeEncrypted = aws.ToInt32(root.VolumeSize), string(root.VolumeType), aws.ToBool(root.Encrypted)
	}
	groups := d.SecurityGroupIds
	if len(d.NetworkInterfaces) > 0 {
		a.AssociatePublicIP = aws.ToBool(d.NetworkInterfaces[0].AssociatePublicIpAddress)
		groups = append(groups, d.NetworkInterfaces[0].Groups...)
	}
	names := map[string]string{}
	for _, sg := range t.SecurityGroups {
		if sg.id != "" {
			names[sg.id] = sg.Name
		}
	}
	for _, id := range groups {
		name := names[id]
		if name == "" {
			name = id
		}
		a.SecurityGroups = append(a.SecurityGroups, &securityGroupTask{Name: name, id: id})
	}
	for _, ts := range d.TagSpecifications {
		if ts.ResourceType == ec2types.ResourceTypeInstance {
			a.InstanceTags = tagMap(ts.Tags)
		}
	}
	if ud := aws.ToString(d.UserData); ud != "" {
		b, err := base64.StdEncoding.DecodeString(ud)
		if err != nil {
			return nil, fmt.Errorf("launch template %s: user data is not base64: %w", t.Name, err)
		}
		a.userData = b
	}
	return a, nil
}

func (t *launchTemplateTask) create(ctx context.Context, c *Clients) error {
	data, err := t.data()
	if err != nil {
		return err
	}
	return t.retry.do(ctx, func() error {
		out, err := c.EC2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{
			LaunchTemplateName: aws.String(t.Name),
			LaunchTemplateData: data,
			TagSpecifications:  tagSpec(ec2types.ResourceTypeLaunchTemplate, t.Tags),
		})
		if err != nil {
			return err
		}
		t.id, t.version = aws.ToString(out.LaunchTemplate.LaunchTemplateId), aws.ToInt64(out.LaunchTemplate.LatestVersionNumber)
		return nil
	}, "InvalidParameterValue")
}

// update tags the template, and when anything else changed, makes a new
// version with the whole data and makes it the default. The groups launch
// $Latest, so a new version is what they launch from then on.
func (t *launchTemplateTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	version := false
	for _, ch := range changes {
		if ch.Name == "Tags" {
			if err := tagEC2(ctx, c, t.id, t.Tags); err != nil {
				return err
			}
			continue
		}
		version = true
	}
	if !version {
		return nil
	}
	data, err := t.data()
	if err != nil {
		return err
	}
	var n int64
	err = t.retry.do(ctx, func() error {
		out, err := c.EC2.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{
			LaunchTemplateId: aws.String(t.id), LaunchTemplateData: data,
		})
		if err == nil {
			n = aws.ToInt64(out.LaunchTemplateVersion.VersionNumber)
		}
		return err
	}, "InvalidParameterValue")
	if err != nil {
		return err
	}
	if _, err := c.EC2.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{
		LaunchTemplateId: aws.String(t.id), DefaultVersion: aws.String(strconv.FormatInt(n, 10)),
	}); err != nil {
		return err
	}
	t.version = n
	return nil
}

// data is the template's data as t expects it.
func (t *launchTemplateTask) data() (*ec2types.RequestLaunchTemplateData, error) {
	if t.userDataPending {
		// The load balancer was created after find: render again.
		t.userDataPending = false
		endpoint := t.endpoint()
		if endpoint == "" {
			return nil, fmt.Errorf("the API endpoint is unknown: the load balancer has no DNS name")
		}
		ud, err := t.UserData(endpoint)
		if err != nil {
			return nil, fmt.Errorf("render user data: %w", err)
		}
		t.userData = ud
	}
	d := &ec2types.RequestLaunchTemplateData{
		ImageId:      aws.String(t.imageID),
		InstanceType: ec2types.InstanceType(t.InstanceType),
		BlockDeviceMappings: []ec2types.LaunchTemplateBlockDeviceMappingRequest{{
			DeviceName: aws.String(t.rootDevice),
			Ebs: &ec2types.LaunchTemplateEbsBlockDeviceRequest{
				VolumeSize: aws.Int32(t.RootVolumeSize), VolumeType: ec2types.VolumeType(t.RootVolumeType),
				Encrypted: aws.Bool(t.RootVolumeEncrypted), DeleteOnTermination: aws.Bool(true),
			},
		}},
		MetadataOptions: &ec2types.LaunchTemplateInstanceMetadataOptionsRequest{
			HttpEndpoint:            ec2types.LaunchTemplateInstanceMetadataEndpointStateEnabled,
			HttpTokens:              ltHTTPTokens,
			HttpPutResponseHopLimit: aws.Int32(ltHopLimit),
		},
	}
	var groups []string
	for _, sg := range t.SecurityGroups {
		groups = append(groups, sg.id)
	}
	if t.AssociatePublicIP {
		d.NetworkInterfaces = []ec2types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{{
			DeviceIndex: aws.Int32(0), AssociatePublicIpAddress: aws.Bool(true), DeleteOnTermination: aws.Bool(true), Groups: groups,
		}}
	} else {
		d.SecurityGroupIds = groups
	}
	if t.InstanceProfile != nil {
		d.IamInstanceProfile = &ec2types.LaunchTemplateIamInstanceProfileSpecificationRequest{Name: aws.String(t.InstanceProfile.Name)}
	}
	if k := t.keyName(); k != "" {
		d.KeyName = aws.String(k)
	}
	if len(t.InstanceTags) > 0 {
		for _, rt := range []ec2types.ResourceType{ec2types.ResourceTypeInstance, ec2types.ResourceTypeVolume} {
			d.TagSpecifications = append(d.TagSpecifications, ec2types.LaunchTemplateTagSpecificationRequest{ResourceType: rt, Tags: ec2Tags(t.InstanceTags)})
		}
	}
	if len(t.userData) > 0 {
		d.UserData = aws.String(base64.StdEncoding.EncodeToString(t.userData))
	}
	return d, nil
}

// resolveImage finds the AMI image names: "ami-…" as is, or "OWNER/NAME"
// (NAME may hold wildcards) by owner and name, the newest when several
// match, as kOps does.
func resolveImage(ctx context.Context, c *Clients, image string) (*ec2types.Image, error) {
	in := &ec2.DescribeImagesInput{}
	if strings.HasPrefix(image, "ami-") {
		in.ImageIds = []string{image}
	} else {
		owner, name, ok := strings.Cut(image, "/")
		if !ok || owner == "" || name == "" {
			return nil, fmt.Errorf("image %q: expected an AMI ID (ami-…) or OWNER/NAME", image)
		}
		in.Owners, in.Filters = []string{owner}, []ec2types.Filter{filter("name", name)}
	}
	out, err := c.EC2.DescribeImages(ctx, in)
	if err != nil && !isCode(err, "InvalidAMIID.NotFound") {
		return nil, fmt.Errorf("image %s: %w", image, err)
	}
	if err != nil || len(out.Images) == 0 {
		return nil, fmt.Errorf("image %s not found in %s", image, c.Region)
	}
	newest := slices.MaxFunc(out.Images, func(a, b ec2types.Image) int {
		return strings.Compare(aws.ToString(a.CreationDate), aws.ToString(b.CreationDate))
	})
	return &newest, nil
}
