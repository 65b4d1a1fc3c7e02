package ec2

import (
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// imageXML is an Image.
type imageXML struct {
	ImageID            string                `xml:"imageId"`
	ImageLocation      string                `xml:"imageLocation"`
	ImageState         string                `xml:"imageState"`
	OwnerID            string                `xml:"imageOwnerId"`
	OwnerAlias         string                `xml:"imageOwnerAlias,omitempty"`
	CreationDate       string                `xml:"creationDate"`
	IsPublic           bool                  `xml:"isPublic"`
	Architecture       string                `xml:"architecture"`
	ImageType          string                `xml:"imageType"`
	Name               string                `xml:"name"`
	Description        string                `xml:"description"`
	RootDeviceType     string                `xml:"rootDeviceType"`
	RootDeviceName     string                `xml:"rootDeviceName"`
	BlockDevices       items[blockDeviceXML] `xml:"blockDeviceMapping"`
	VirtualizationType string                `xml:"virtualizationType"`
	Hypervisor         string                `xml:"hypervisor"`
	ENASupport         bool                  `xml:"enaSupport"`
	SriovNetSupport    string                `xml:"sriovNetSupport"`
	PlatformDetails    string                `xml:"platformDetails"`
	UsageOperation     string                `xml:"usageOperation"`
	BootMode           string                `xml:"bootMode,omitempty"`
	ImdsSupport        string                `xml:"imdsSupport,omitempty"`
	DeprecationTime    string                `xml:"deprecationTime,omitempty"`
	Tags               tagsXML               `xml:"tagSet"`
}

type blockDeviceXML struct {
	DeviceName string  `xml:"deviceName"`
	EBS        *ebsXML `xml:"ebs,omitempty"`
}

type ebsXML struct {
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
	SnapshotID          string `xml:"snapshotId,omitempty"`
	VolumeSize          int    `xml:"volumeSize"`
	VolumeType          string `xml:"volumeType"`
	Encrypted           bool   `xml:"encrypted"`
}

// lookupImage finds an AMI a caller in region can launch.
func lookupImage(region, id string) (imageXML, bool) {
	for _, img := range publicImages(region) {
		if img.ImageID == id {
			return img, true
		}
	}
	return imageXML{}, false
}

func imageBlockDevices(i imageXML, field func(blockDeviceXML) string) []string {
	var out []string
	for _, b := range i.BlockDevices.Item {
		out = append(out, field(b))
	}
	return out
}

func ebsField(f func(*ebsXML) string) func(blockDeviceXML) string {
	return func(b blockDeviceXML) string {
		if b.EBS == nil {
			return ""
		}
		return f(b.EBS)
	}
}

var imageFilters = filterSpec[imageXML]{
	"image-id":            func(i imageXML) []string { return one(i.ImageID) },
	"name":                func(i imageXML) []string { return one(i.Name) },
	"description":         func(i imageXML) []string { return one(i.Description) },
	"architecture":        func(i imageXML) []string { return one(i.Architecture) },
	"owner-id":            func(i imageXML) []string { return one(i.OwnerID) },
	"owner-alias":         func(i imageXML) []string { return one(i.OwnerAlias) },
	"state":               func(i imageXML) []string { return one(i.ImageState) },
	"image-type":          func(i imageXML) []string { return one(i.ImageType) },
	"is-public":           func(i imageXML) []string { return boolStr(i.IsPublic) },
	"root-device-type":    func(i imageXML) []string { return one(i.RootDeviceType) },
	"root-device-name":    func(i imageXML) []string { return one(i.RootDeviceName) },
	"virtualization-type": func(i imageXML) []string { return one(i.VirtualizationType) },
	"hypervisor":          func(i imageXML) []string { return one(i.Hypervisor) },
	"ena-support":         func(i imageXML) []string { return boolStr(i.ENASupport) },
	"sriov-net-support":   func(i imageXML) []string { return one(i.SriovNetSupport) },
	"platform-details":    func(i imageXML) []string { return one(i.PlatformDetails) },
	"usage-operation":     func(i imageXML) []string { return one(i.UsageOperation) },
	"manifest-location":   func(i imageXML) []string { return one(i.ImageLocation) },
	"creation-date":       func(i imageXML) []string { return one(i.CreationDate) },
	"boot-mode":           func(i imageXML) []string { return one(i.BootMode) },
	"imds-support":        func(i imageXML) []string { return one(i.ImdsSupport) },
	"platform":            func(i imageXML) []string { return nil },
	"block-device-mapping.device-name": func(i imageXML) []string {
		return imageBlockDevices(i, func(b blockDeviceXML) string { return b.DeviceName })
	},
	"block-device-mapping.snapshot-id": func(i imageXML) []string {
		return imageBlockDevices(i, ebsField(func(e *ebsXML) string { return e.SnapshotID }))
	},
	"block-device-mapping.volume-type": func(i imageXML) []string {
		return imageBlockDevices(i, ebsField(func(e *ebsXML) string { return e.VolumeType }))
	},
	"block-device-mapping.volume-size": func(i imageXML) []string {
		return imageBlockDevices(i, ebsField(func(e *ebsXML) string { return strconv.Itoa(e.VolumeSize) }))
	},
	"block-device-mapping.delete-on-termination": func(i imageXML) []string {
		return imageBlockDevices(i, ebsField(func(e *ebsXML) string { return strconv.FormatBool(e.DeleteOnTermination) }))
	},
	"block-device-mapping.encrypted": func(i imageXML) []string {
		return imageBlockDevices(i, ebsField(func(e *ebsXML) string { return strconv.FormatBool(e.Encrypted) }))
	},
}

func invalidAMI(ids []string) error {
	if len(ids) == 1 {
		return awsapi.BadRequest("InvalidAMIID.NotFound", "The image id '[%s]' does not exist", ids[0])
	}
	return awsapi.BadRequest("InvalidAMIID.NotFound", "The image ids '[%s]' do not exist", strings.Join(ids, ", "))
}

// ownerMatcher turns Owner.N into a predicate: account IDs, self, amazon,
// aws-marketplace, aws-backup-vault.
func ownerMatcher(owners []string, account string) (func(imageXML) bool, error) {
	if len(owners) == 0 {
		return nil, nil
	}
	ids, aliases := map[string]bool{}, map[string]bool{}
	for _, o := range owners {
		switch {
		case o == "self":
			ids[account] = true
		case o == "amazon" || o == "aws-marketplace" || o == "aws-backup-vault":
			aliases[o] = true
		case len(o) == 12 && strings.Trim(o, "0123456789") == "":
			ids[o] = true
		default:
			return nil, awsapi.BadRequest("InvalidUserID.Malformed", "Invalid user id: \"%s\"", o)
		}
	}
	return func(i imageXML) bool { return ids[i.OwnerID] || (i.OwnerAlias != "" && aliases[i.OwnerAlias]) }, nil
}

func (s *Service) describeImages(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := dedupe(p.List("ImageId"))
	pg, err := parsePage(p, limits1000, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, imageFilters, func(i imageXML) []Tag { return i.Tags.Item })
	if err != nil {
		return nil, err
	}
	owned, err := ownerMatcher(p.List("Owner"), r.Account())
	if err != nil {
		return nil, err
	}
	executable := p.List("ExecutableBy")
	deprecated, err := boolParam(p, "IncludeDeprecated", false)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if !validID("ami", id) {
			return nil, awsapi.BadRequest("InvalidAMIID.Malformed", "Invalid id: \"%s\" (expecting \"ami-...\")", id)
		}
	}
	var missing []string
	for _, id := range ids {
		if _, ok := lookupImage(r.Region, id); !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, invalidAMI(missing)
	}
	wanted := setOf(ids)
	now := timestamp(r.Now)
	var kept []imageXML
	for _, img := range publicImages(r.Region) {
		switch {
		case len(ids) > 0 && !wanted[img.ImageID]:
		case len(ids) == 0 && !deprecated && img.DeprecationTime != "" && img.DeprecationTime <= now:
		case owned != nil && !owned(img):
		case len(executable) > 0 && !executableBy(img, executable):
		case match != nil && !match(img):
		default:
			kept = append(kept, img)
		}
	}
	out, next, err := pageSorted(kept, pg, func(i imageXML) string { return i.ImageID })
	if err != nil {
		return nil, err
	}
	return struct {
		Images    items[imageXML] `xml:"imagesSet"`
		NextToken string          `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}

// executableBy: public images are launchable by "all"; the catalogue
// grants no explicit launch permissions, which "self" and account IDs ask
// for.
func executableBy(img imageXML, who []string) bool {
	for _, w := range who {
		if w == "all" && img.IsPublic {
			return true
		}
	}
	return false
}
