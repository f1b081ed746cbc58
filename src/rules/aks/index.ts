import type { Rule } from '../defineRule.js';
import AKS_DATA_01 from './AKS-DATA-01.js';
import AKS_DATA_02 from './AKS-DATA-02.js';
import AKS_DATA_03 from './AKS-DATA-03.js';
import AKS_DATA_04 from './AKS-DATA-04.js';
import AKS_DATA_05 from './AKS-DATA-05.js';
import AKS_DATA_06 from './AKS-DATA-06.js';
import AKS_GOV_01 from './AKS-GOV-01.js';
import AKS_GOV_02 from './AKS-GOV-02.js';
import AKS_GOV_03 from './AKS-GOV-03.js';
import AKS_GOV_04 from './AKS-GOV-04.js';
import AKS_GOV_05 from './AKS-GOV-05.js';
import AKS_GOV_06 from './AKS-GOV-06.js';
import AKS_GOV_07 from './AKS-GOV-07.js';
import AKS_IAM_01 from './AKS-IAM-01.js';
import AKS_IAM_02 from './AKS-IAM-02.js';
import AKS_IAM_03 from './AKS-IAM-03.js';
import AKS_IAM_04 from './AKS-IAM-04.js';
import AKS_IAM_05 from './AKS-IAM-05.js';
import AKS_IAM_06 from './AKS-IAM-06.js';
import AKS_IAM_07 from './AKS-IAM-07.js';
import AKS_IAM_08 from './AKS-IAM-08.js';
import AKS_IAM_09 from './AKS-IAM-09.js';
import AKS_MON_01 from './AKS-MON-01.js';
import AKS_MON_02 from './AKS-MON-02.js';
import AKS_MON_03 from './AKS-MON-03.js';
import AKS_NET_01 from './AKS-NET-01.js';
import AKS_NET_02 from './AKS-NET-02.js';
import AKS_NET_03 from './AKS-NET-03.js';
import AKS_NET_04 from './AKS-NET-04.js';
import AKS_NET_05 from './AKS-NET-05.js';
import AKS_NET_06 from './AKS-NET-06.js';
import AKS_NET_07 from './AKS-NET-07.js';
import AKS_NET_08 from './AKS-NET-08.js';
import AKS_NET_09 from './AKS-NET-09.js';
import AKS_NET_10 from './AKS-NET-10.js';
import AKS_NET_11 from './AKS-NET-11.js';
import AKS_NET_12 from './AKS-NET-12.js';
import AKS_NET_13 from './AKS-NET-13.js';
import AKS_NET_14 from './AKS-NET-14.js';
import AKS_NODE_01 from './AKS-NODE-01.js';
import AKS_NODE_02 from './AKS-NODE-02.js';
import AKS_NODE_03 from './AKS-NODE-03.js';
import AKS_NODE_04 from './AKS-NODE-04.js';
import AKS_NODE_05 from './AKS-NODE-05.js';
import AKS_NODE_06 from './AKS-NODE-06.js';
import AKS_NODE_07 from './AKS-NODE-07.js';
import AKS_NODE_08 from './AKS-NODE-08.js';
import AKS_NODE_09 from './AKS-NODE-09.js';
import AKS_NODE_10 from './AKS-NODE-10.js';
import AKS_NODE_11 from './AKS-NODE-11.js';

/** The aks rule family, listed explicitly; a test compares this list with the rule files on disk. */
export const aksRules: Rule[] = [
  AKS_IAM_01,
  AKS_IAM_02,
  AKS_IAM_03,
  AKS_IAM_04,
  AKS_IAM_05,
  AKS_IAM_06,
  AKS_IAM_07,
  AKS_IAM_08,
  AKS_IAM_09,
  AKS_NET_01,
  AKS_NET_02,
  AKS_NET_03,
  AKS_NET_04,
  AKS_NET_05,
  AKS_NET_06,
  AKS_NET_07,
  AKS_NET_08,
  AKS_NET_09,
  AKS_NET_10,
  AKS_NET_11,
  AKS_NET_12,
  AKS_NET_13,
  AKS_NET_14,
  AKS_DATA_01,
  AKS_DATA_02,
  AKS_DATA_03,
  AKS_DATA_04,
  AKS_DATA_05,
  AKS_DATA_06,
  AKS_NODE_01,
  AKS_NODE_02,
  AKS_NODE_03,
  AKS_NODE_04,
  AKS_NODE_05,
  AKS_NODE_06,
  AKS_NODE_07,
  AKS_NODE_08,
  AKS_NODE_09,
  AKS_NODE_10,
  AKS_NODE_11,
  AKS_MON_01,
  AKS_MON_02,
  AKS_MON_03,
  AKS_GOV_01,
  AKS_GOV_02,
  AKS_GOV_03,
  AKS_GOV_04,
  AKS_GOV_05,
  AKS_GOV_06,
  AKS_GOV_07,
];
