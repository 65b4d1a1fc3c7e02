package ec2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type volumeXML struct {
	ID          string                     `xml:"volumeId"`
	Arn         string                     `xml:"volumeArn,omitempty"`
	Size        int                        `xml:"size"`
	SnapshotID  string                     `xml:"snapshotId"`
	AZ          string                     `xml:"availabilityZone"`
	AZID        string                     `xml:"availabilityZoneId"`
	Status      string                     `xml:"status"`
	Created     string                     `xml:"createTime"`
	Attachments items[volumeAttachmentXML] `xml:"attachmentSet"`
	Type        string                     `xml:"volumeType"`
	Iops        int                        `xml:"iops,omitempty"`
	Throughput  int                        `xml:"throughput,omitempty"`
	Encrypted   bool                       `xml:"encrypted"`
	KmsKeyID    string                     `xml:"kmsKeyId,omitempty"`
	MultiAttach bool                       `xml:"multiAttachEnabled"`
	FastRestore bool                       `xml:"fastRestored"`
	Tags        tagsXML                    `xml:"tagSet"`
}

type volumeAttachmentXML struct {
	VolumeID            string `xml:"volumeId"`
	InstanceID          string `xml:"instanceId"`
	Device              string `xml:"device"`
	Status              string `xml:"status"`
	AttachTime          string `xml:"attachTime"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

func (x *volume) attachmentXML() []volumeAttachmentXML {
	a := x.Attachment
	if a == nil {
		return nil
	}
	return []volumeAttachmentXML{{x.ID, a.InstanceID, a.Device, a.State, timestamp(a.AttachTime), a.DeleteOnTermination}}
}

func (x *volume) xml(sc scope) volumeXML {
	return volumeXML{
		ID: x.ID, Size: x.Size, SnapshotID: x.SnapshotID, AZ: x.AZ, AZID: x.AZID, Status: x.State,
		Created: timestamp(x.Created), Attachments: itemsOf(x.attachmentXML()), Type: x.Type,
		Iops: x.reportedIops(), Throughput: x.Throughput, Encrypted: x.Encrypted, KmsKeyID: x.KmsKeyID,
		Tags: tagSet(x.Tags),
	}
}

func volumeAttachmentField(f func(*volumeAttachment) string) func(*volume) []string {
	return func(x *volume) []string {
		if x.Attachment == nil {
			return nil
		}
		return one(f(x.Attachment))
	}
}

var volumeFilters = filterSpec[*volume]{
	"volume-id":                        func(x *volume) []string { return one(x.ID) },
	"availability-zone":                func(x *volume) []string { return one(x.AZ) },
	"availability-zone-id":             func(x *volume) []string { return one(x.AZID) },
	"create-time":                      func(x *volume) []string { return one(timestamp(x.Created)) },
	"encrypted":                        func(x *volume) []string { return boolStr(x.Encrypted) },
	"size":                             func(x *volume) []string { return intStr(x.Size) },
	"snapshot-id":                      func(x *volume) []string { return one(x.SnapshotID) },
	"status":                           func(x *volume) []string { return one(x.State) },
	"volume-type":                      func(x *volume) []string { return one(x.Type) },
	"multi-attach-enabled":             func(x *volume) []string { return boolStr(false) },
	"fast-restored":                    func(x *volume) []string { return boolStr(false) },
	"attachment.instance-id":           volumeAttachmentField(func(a *volumeAttachment) string { return a.InstanceID }),
	"attachment.device":                volumeAttachmentField(func(a *volumeAttachment) string { return a.Device }),
	"attachment.status":                volumeAttachmentField(func(a *volumeAttachment) string { return a.State }),
	"attachment.attach-time":           volumeAttachmentField(func(a *volumeAttachment) string { return timestamp(a.AttachTime) }),
	"attachment.delete-on-termination": volumeAttachmentField(func(a *volumeAttachment) string { return strconv.FormatBool(a.DeleteOnTermination) }),
}

func (s *Service) describeVolumes(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("VolumeId")
	pg, err := parsePage(p, pageLimits{min: 5, max: 500}, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, volumeFilters, recordTags[*volume])
	if err != nil {
		return nil, err
	}
	var out []volumeXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, n, err := volumes.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, v := range found {
			out = append(out, v.xml(sc))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Volumes   items[volumeXML] `xml:"volumeSet"`
		NextToken string           `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
