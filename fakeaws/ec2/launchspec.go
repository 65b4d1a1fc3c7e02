package ec2

import (
	"encoding/base64"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// launchSpec is what an instance is launched with: RunInstances'
// parameters and a launch template's data name these the same way, so
// one parser reads both and merge lays the request over the template.
type launchSpec struct {
	ImageID, InstanceType, KeyName string
	UserData                       string // base64, as sent
	SubnetID, PrivateIP            string // RunInstances only
	AZ, Tenancy                    string
	IamArn, IamName                string
	Groups, GroupNames             []string
	NIs                            []niSpec
	BDMs                           []bdmSpec
	Tags                           map[string][]Tag
	Monitoring, EbsOptimized       *bool
	DisableAPITermination          *bool
	DisableAPIStop                 *bool
	ShutdownBehavior               string
	HTTPTokens, HTTPEndpoint       string
	HopLimit                       int
	MetadataTags                   string
	CPUCredits, MarketType         string
}

type niSpec struct {
	DeviceIndex         int
	SubnetID, PrivateIP string
	Description         string
	Groups              []string
	AssociatePublicIP   *bool
	DeleteOnTermination *bool
}

type bdmSpec struct {
	Device              string
	NoDevice            bool
	VolumeSize          int
	VolumeType          string
	Iops, Throughput    int
	Encrypted           *bool
	DeleteOnTermination *bool
	KmsKeyID            string
}

// launchTagTypes are the resource types a launch may tag.
var launchTagTypes = []string{"instance", "volume", "network-interface", "spot-instances-request"}

// userDataLimit is EC2's limit of user data, before base64.
const userDataLimit = 16 << 10

func optBool(p awsapi.Params, name string) (*bool, error) {
	if p.Get(name) == "" {
		return nil, nil
	}
	b, err := boolParam(p, name, false)
	return &b, err
}

func optInt(p awsapi.Params, name string) (int, error) {
	v := p.Get(name)
	if v == "" {
		return 0, nil
	}
	n, ok := atoi(v)
	if !ok || n < 0 {
		return 0, invalidParameterValue("Value (%s) for parameter %s is invalid.", v, lowerFirst(name))
	}
	return n, nil
}

// parseLaunchSpec reads launch parameters from p.
func parseLaunchSpec(p awsapi.Params) (launchSpec, error) {
	ls := launchSpec{
		ImageID: p.Get("ImageId"), InstanceType: p.Get("InstanceType"), KeyName: p.Get("KeyName"),
		UserData: p.Get("UserData"), SubnetID: p.Get("SubnetId"), PrivateIP: p.Get("PrivateIpAddress"),
		AZ: p.Get("Placement.AvailabilityZone"), Tenancy: p.Get("Placement.Tenancy"),
		IamArn: p.Get("IamInstanceProfile.Arn"), IamName: p.Get("IamInstanceProfile.Name"),
		Groups: p.List("SecurityGroupId"), GroupNames: p.List("SecurityGroup"),
		ShutdownBehavior: p.Get("InstanceInitiatedShutdownBehavior"),
		HTTPTokens:       p.Get("MetadataOptions.HttpTokens"), HTTPEndpoint: p.Get("MetadataOptions.HttpEndpoint"),
		MetadataTags: p.Get("MetadataOptions.InstanceMetadataTags"),
		CPUCredits:   p.Get("CreditSpecification.CpuCredits"), MarketType: p.Get("InstanceMarketOptions.MarketType"),
	}
	if ls.UserData != "" {
		raw, err := base64.StdEncoding.DecodeString(ls.UserData)
		if err != nil {
			return ls, invalidParameterValue("Invalid BASE64 encoding of user data.")
		}
		if len(raw) > userDataLimit {
			return ls, invalidParameterValue("User data is limited to %d bytes", userDataLimit)
		}
	}
	switch ls.ShutdownBehavior {
	case "", "stop", "terminate":
	default:
		return ls, invalidParameterValue("Value (%s) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values: stop, terminate", ls.ShutdownBehavior)
	}
	switch ls.HTTPTokens {
	case "", "optional", "required":
	default:
		return ls, invalidParameterValue("Value (%s) for parameter httpTokens is invalid. Valid values: optional, required", ls.HTTPTokens)
	}
	var err error
	if ls.HopLimit, err = optInt(p, "MetadataOptions.HttpPutResponseHopLimit"); err != nil {
		return ls, err
	}
	if ls.HopLimit > 64 {
		return ls, invalidParameterValue("Value (%d) for parameter httpPutResponseHopLimit is invalid. Valid range: 1-64", ls.HopLimit)
	}
	for _, b := range []struct {
		name string
		dst  **bool
	}{
		{"Monitoring.Enabled", &ls.Monitoring}, {"EbsOptimized", &ls.EbsOptimized},
		{"DisableApiTermination", &ls.DisableAPITermination}, {"DisableApiStop", &ls.DisableAPIStop},
	} {
		if *b.dst, err = optBool(p, b.name); err != nil {
			return ls, err
		}
	}
	if ls.Tags, err = tagSpecsFor(p, launchTagTypes...); err != nil {
		return ls, err
	}
	for _, np := range p.Structs("NetworkInterface") {
		ni := niSpec{
			SubnetID: np.Get("SubnetId"), PrivateIP: np.Get("PrivateIpAddress"),
			Description: np.Get("Description"), Groups: np.List("SecurityGroupId"),
		}
		if ni.DeviceIndex, err = optInt(np, "DeviceIndex"); err != nil {
			return ls, err
		}
		if ni.AssociatePublicIP, err = optBool(np, "AssociatePublicIpAddress"); err != nil {
			return ls, err
		}
		if ni.DeleteOnTermination, err = optBool(np, "DeleteOnTermination"); err != nil {
			return ls, err
		}
		ls.NIs = append(ls.NIs, ni)
	}
	for _, bp := range p.Structs("BlockDeviceMapping") {
		b, err := parseBDM(bp)
		if err != nil {
			return ls, err
		}
		ls.BDMs = append(ls.BDMs, b)
	}
	return ls, nil
}

func parseBDM(bp awsapi.Params) (bdmSpec, error) {
	b := bdmSpec{
		Device: bp.Get("DeviceName"), NoDevice: bp.Has("NoDevice"),
		VolumeType: bp.Get("Ebs.VolumeType"), KmsKeyID: bp.Get("Ebs.KmsKeyId"),
	}
	if b.Device == "" {
		return b, missingParameter("DeviceName")
	}
	var err error
	if b.VolumeSize, err = optInt(bp, "Ebs.VolumeSize"); err != nil {
		return b, err
	}
	if b.Iops, err = optInt(bp, "Ebs.Iops"); err != nil {
		return b, err
	}
	if b.Throughput, err = optInt(bp, "Ebs.Throughput"); err != nil {
		return b, err
	}
	if b.Encrypted, err = optBool(bp, "Ebs.Encrypted"); err != nil {
		return b, err
	}
	if b.DeleteOnTermination, err = optBool(bp, "Ebs.DeleteOnTermination"); err != nil {
		return b, err
	}
	return b, nil
}

// merge lays the request r over the template t as RunInstances does:
// what the request names wins; block devices merge by device name, tags
// by key; a request's subnet or groups go to a template's primary
// network interface.
func merge(t, r launchSpec) launchSpec {
	out := t
	for _, f := range []struct{ dst, src *string }{
		{&out.ImageID, &r.ImageID}, {&out.InstanceType, &r.InstanceType}, {&out.KeyName, &r.KeyName},
		{&out.UserData, &r.UserData}, {&out.SubnetID, &r.SubnetID}, {&out.PrivateIP, &r.PrivateIP},
		{&out.AZ, &r.AZ}, {&out.Tenancy, &r.Tenancy}, {&out.ShutdownBehavior, &r.ShutdownBehavior},
		{&out.HTTPTokens, &r.HTTPTokens}, {&out.HTTPEndpoint, &r.HTTPEndpoint}, {&out.MetadataTags, &r.MetadataTags},
		{&out.CPUCredits, &r.CPUCredits}, {&out.MarketType, &r.MarketType},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	if r.IamArn != "" || r.IamName != "" {
		out.IamArn, out.IamName = r.IamArn, r.IamName
	}
	if r.HopLimit != 0 {
		out.HopLimit = r.HopLimit
	}
	for _, f := range []struct{ dst, src **bool }{
		{&out.Monitoring, &r.Monitoring}, {&out.EbsOptimized, &r.EbsOptimized},
		{&out.DisableAPITermination, &r.DisableAPITermination}, {&out.DisableAPIStop, &r.DisableAPIStop},
	} {
		if *f.src != nil {
			*f.dst = *f.src
		}
	}
	if len(r.Groups) > 0 || len(r.GroupNames) > 0 {
		out.Groups, out.GroupNames = r.Groups, r.GroupNames
	}
	if len(r.NIs) > 0 {
		out.NIs = r.NIs
	} else if len(t.NIs) > 0 {
		out.NIs = append([]niSpec(nil), t.NIs...)
		if r.SubnetID != "" {
			out.NIs[0].SubnetID, out.SubnetID = r.SubnetID, ""
		}
		if r.PrivateIP != "" {
			out.NIs[0].PrivateIP, out.PrivateIP = r.PrivateIP, ""
		}
		if len(r.Groups) > 0 {
			out.NIs[0].Groups, out.Groups = r.Groups, nil
		}
	}
	out.BDMs = append([]bdmSpec(nil), t.BDMs...)
next:
	for _, b := range r.BDMs {
		for i := range out.BDMs {
			if out.BDMs[i].Device == b.Device {
				out.BDMs[i] = b
				continue next
			}
		}
		out.BDMs = append(out.BDMs, b)
	}
	out.Tags = map[string][]Tag{}
	for typ, tags := range t.Tags {
		out.Tags[typ] = tags
	}
	for typ, tags := range r.Tags {
		out.Tags[typ] = mergeTags(out.Tags[typ], tags)
	}
	return out
}

// decodedUserData is the user data as the instance sees it.
func decodedUserData(b64 string) []byte {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil
	}
	return raw
}
