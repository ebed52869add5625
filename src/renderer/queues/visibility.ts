// Which queues a person works is the access module's rule; the queue pages ask it here.
export { worksQueue } from '../../shared/access';
