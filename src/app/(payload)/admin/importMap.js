import { LondonDateCell as LondonDateCell_2676d0cc39b676c5004fae1745f72060 } from '../../../admin/LondonDateCell'
import { IssuingPanel as IssuingPanel_396536e1fbe8c3c7d52ea8580717ae89 } from '../../../plugins/issuing/admin/IssuingPanel'
import { ReviewPanel as ReviewPanel_49f60e3cb77d1b56f22365664986efdd } from '../../../plugins/registration/admin/ReviewPanel'
import { ReviewQueueLink as ReviewQueueLink_beb6dd869d369cc21de81ca1c1afe707 } from '../../../plugins/registration/admin/ReviewQueueLink'
import { AccessUntilCell as AccessUntilCell_619bfbe975c654d326630712e7e68407 } from '../../../plugins/connections/admin/AccessUntil'
import { AccessUntilField as AccessUntilField_619bfbe975c654d326630712e7e68407 } from '../../../plugins/connections/admin/AccessUntil'
import { CancelConnection as CancelConnection_00dd52a9da593c42f86c67c4f31d985a } from '../../../plugins/connections/admin/CancelConnection'
import { OrderActions as OrderActions_f3f88ead1d9ca0d05f7d333fc3cf268f } from '../../../plugins/store/admin/OrderActions'
import { BatchActions as BatchActions_77837946c7dc6fe016d00f27a12ed1e3 } from '../../../plugins/store/admin/BatchActions'
import { ReplyPanel as ReplyPanel_d926daaad799ea998cfc1f0e86825899 } from '../../../plugins/enquiries/admin/ReplyPanel'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { CurrentPasswordField as CurrentPasswordField_3b0473b642c34a8bd2bfa96e85b4f0df } from '../../../plugins/registration/admin/CurrentPasswordField'
import { DeliveryPanel as DeliveryPanel_7dacb9d5d745e290ad23df79e790c42c } from '../../../plugins/email-delivery/admin/DeliveryPanel'
import { OutboxStatusLinks as OutboxStatusLinks_a477dc3f4c7fee5766a9471db398a928 } from '../../../plugins/email-delivery/admin/OutboxStatusLinks'
import { FulfilmentLinks as FulfilmentLinks_16372c38c92866df228123518548a185 } from '../../../plugins/store/admin/FulfilmentLinks'
import { FailedEmailsNotice as FailedEmailsNotice_87afe753ecee1eb9f646d39e1fe0f764 } from '../../../plugins/email-delivery/admin/FailedEmailsNotice'
import { CreateFirstAdministrator as CreateFirstAdministrator_b9abb12475c01cbc2edaa657baaecdfd } from '../../../admin/CreateFirstAdministrator'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/admin/LondonDateCell#LondonDateCell": LondonDateCell_2676d0cc39b676c5004fae1745f72060,
  "/plugins/issuing/admin/IssuingPanel#IssuingPanel": IssuingPanel_396536e1fbe8c3c7d52ea8580717ae89,
  "/plugins/registration/admin/ReviewPanel#ReviewPanel": ReviewPanel_49f60e3cb77d1b56f22365664986efdd,
  "/plugins/registration/admin/ReviewQueueLink#ReviewQueueLink": ReviewQueueLink_beb6dd869d369cc21de81ca1c1afe707,
  "/plugins/connections/admin/AccessUntil#AccessUntilCell": AccessUntilCell_619bfbe975c654d326630712e7e68407,
  "/plugins/connections/admin/AccessUntil#AccessUntilField": AccessUntilField_619bfbe975c654d326630712e7e68407,
  "/plugins/connections/admin/CancelConnection#CancelConnection": CancelConnection_00dd52a9da593c42f86c67c4f31d985a,
  "/plugins/store/admin/OrderActions#OrderActions": OrderActions_f3f88ead1d9ca0d05f7d333fc3cf268f,
  "/plugins/store/admin/BatchActions#BatchActions": BatchActions_77837946c7dc6fe016d00f27a12ed1e3,
  "/plugins/enquiries/admin/ReplyPanel#ReplyPanel": ReplyPanel_d926daaad799ea998cfc1f0e86825899,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/plugins/registration/admin/CurrentPasswordField#CurrentPasswordField": CurrentPasswordField_3b0473b642c34a8bd2bfa96e85b4f0df,
  "/plugins/email-delivery/admin/DeliveryPanel#DeliveryPanel": DeliveryPanel_7dacb9d5d745e290ad23df79e790c42c,
  "/plugins/email-delivery/admin/OutboxStatusLinks#OutboxStatusLinks": OutboxStatusLinks_a477dc3f4c7fee5766a9471db398a928,
  "/plugins/store/admin/FulfilmentLinks#FulfilmentLinks": FulfilmentLinks_16372c38c92866df228123518548a185,
  "/plugins/email-delivery/admin/FailedEmailsNotice#FailedEmailsNotice": FailedEmailsNotice_87afe753ecee1eb9f646d39e1fe0f764,
  "/admin/CreateFirstAdministrator#CreateFirstAdministrator": CreateFirstAdministrator_b9abb12475c01cbc2edaa657baaecdfd,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
