/** Naive Bayes: Gaussian (continuous features) and multinomial (counts). */
export { GaussianNB, type GaussianNBParams, type GaussianNBFitted } from './gaussian-nb.js';
export { MultinomialNB, type MultinomialNBParams, type MultinomialNBFitted } from './multinomial-nb.js';
export { NaiveBayes, numpySum, checkPriors, type NaiveBayesFitted } from './naive-bayes-base.js';
